using System.Data.Common;
using Marten.Internal.Operations;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Storage;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;
using IStorageOperation = Marten.Internal.Operations.IStorageOperation;

namespace Participation.Projections;

/// <summary>
/// SQL of our own that a projection or a command queues into Marten's batch, so it commits with the batch's documents and
/// progress (ADR 20). It answers no rows: marked so, Marten does not take the next operation's answer for its own.
/// </summary>
public abstract class SqlOperation : IStorageOperation, NoDataReturnedCall
{
    public abstract void ConfigureCommand(ICommandBuilder builder, IStorageSession session);

    /// <summary>Gives the builder's <c>?</c> parameters their values, typed as Marten types a queued SQL command's (they start as text).</summary>
    protected static void Bind(NpgsqlParameter[] parameters, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (PostgresqlProvider.Instance.TryGetDbType(values[i].GetType()) is { } type) parameters[i].NpgsqlDbType = type;
            parameters[i].Value = values[i];
        }
    }

    // As Marten's own SQL operations: no document storage to ensure.
    public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;
}
