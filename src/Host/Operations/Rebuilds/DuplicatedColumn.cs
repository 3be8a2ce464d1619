using System.Reflection;
using Marten.Linq.Members;
using NpgsqlTypes;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// One of Marten's duplicated fields of a document table: its column, its type, and its value read from a document along the
/// members Marten reads (null where one on the way is null; an enum as Marten stores it, by name in a text column).
/// </summary>
public sealed record DuplicatedColumn(string Name, NpgsqlDbType Type, IReadOnlyList<MemberInfo> Members)
{
    public static DuplicatedColumn Of(DuplicatedField field) => new(field.ColumnName.ToLowerInvariant(), field.DbType, field.Members);

    public object? ValueOf(object document)
    {
        object? value = document;
        foreach (var member in Members)
        {
            if (value is null) return null;
            value = member switch
            {
                PropertyInfo property => property.GetValue(value),
                FieldInfo field => field.GetValue(value),
                _ => throw new NotSupportedException($"A duplicated field along {member.MemberType} {member.Name}"),
            };
        }
        if (value is not Enum e) return value;
        return Type is NpgsqlDbType.Varchar or NpgsqlDbType.Text ? e.ToString() : Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture);
    }
}
