using System.Runtime.CompilerServices;
using Marten;
using Marten.Linq.Members;
using JasperFx.MultiTenancy;

namespace Participation.Projections.Rows;

/// <summary>What a <see cref="RowUpdate"/> needs to know of a row type's table in one store, looked up once.</summary>
internal sealed class RowTable
{
    private static readonly ConditionalWeakTable<IDocumentStore, Dictionary<Type, RowTable>> Tables = new();

    private readonly IReadOnlyList<DuplicatedField> _duplicated;

    private RowTable(IDocumentStore store, Type rowType)
    {
        var mapping = store.Options.FindOrResolveDocumentType(rowType);
        Name = mapping.TableName.QualifiedName;
        IsConjoined = mapping.TenancyStyle == TenancyStyle.Conjoined;
        _duplicated = mapping.DuplicatedFields;
        Serializer = store.Options.Serializer();
    }

    public string Name { get; }
    public bool IsConjoined { get; }
    public ISerializer Serializer { get; }
    public Weasel.Core.Casing Casing => Serializer.Casing;

    public static RowTable For(IDocumentStore store, Type rowType)
    {
        var tables = Tables.GetValue(store, _ => []);
        lock (tables)
        {
            if (!tables.TryGetValue(rowType, out var table)) tables[rowType] = table = new RowTable(store, rowType);
            return table;
        }
    }

    public DuplicatedField? DuplicatedColumnOf(MemberPath path) => _duplicated.FirstOrDefault(f => path.Is(f.Members));
}
