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
        // The metadata Marten's own patch keeps: a numeric revision counts up, a version (uuid) is new.
        Metadata = "mt_last_modified = transaction_timestamp()" + (mapping.Metadata.Revision.Enabled ? ", mt_version = mt_version + 1"
            : mapping.Metadata.Version.Enabled ? ", mt_version = gen_random_uuid()" : "");
    }

    public string Name { get; }
    public bool IsConjoined { get; }
    public ISerializer Serializer { get; }

    /// <summary>The assignments of the metadata columns an update sets.</summary>
    public string Metadata { get; }
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
