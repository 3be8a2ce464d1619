using System.Linq.Expressions;
using System.Reflection;
using JasperFx.Core;
using Weasel.Core;

namespace Participation.Projections.Rows;

/// <summary>A property of a row, possibly nested (<c>x => x.Item.Active</c>): read and set in memory, or named in the row's JSON.</summary>
public sealed class MemberPath
{
    private readonly PropertyInfo[] _properties;

    private MemberPath(PropertyInfo[] properties)
    {
        _properties = properties;
        Key = string.Join('.', properties.Select(p => p.Name));
    }

    /// <summary>The properties' names joined by dots: what identifies the path within its row type.</summary>
    public string Key { get; }

    public static MemberPath Of(LambdaExpression member)
    {
        var properties = new List<PropertyInfo>();
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        for (var at = body; at is not ParameterExpression;)
        {
            if (at is not MemberExpression { Member: PropertyInfo property } access)
                throw new ArgumentException($"{member} is not a chain of properties", nameof(member));
            properties.Insert(0, property);
            at = access.Expression!;
        }
        return new MemberPath([.. properties]);
    }

    public bool Is(IReadOnlyList<MemberInfo> members) =>
        members.Count == _properties.Length && members.Select(m => m.Name).SequenceEqual(_properties.Select(p => p.Name));

    /// <summary>The path in the stored JSON, as a PostgreSQL text array literal (<c>{item,active}</c>).</summary>
    public string JsonPath(Casing casing) =>
        "{" + string.Join(',', _properties.Select(p => casing == Casing.CamelCase ? p.Name.ToCamelCase() : p.Name)) + "}";

    public object? GetFrom(object row) => _properties[^1].GetValue(Owner(row));

    // Entries hold positional records; their init-only setters are used here only on a row this batch created and
    // has not yet handed to Marten, so nothing else sees it change.
    public void SetOn(object row, object? value) => _properties[^1].SetValue(Owner(row), value);

    private object Owner(object row) =>
        _properties[..^1].Aggregate(row, (owner, property) => property.GetValue(owner)
            ?? throw new InvalidOperationException($"{property.Name} is null on the way to {Key}"));
}
