using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Participation.Host.Tests.Support;

/// <summary>
/// A loopback TCP relay between a host and the test PostgreSQL that a test can cut and restore, so the database
/// "goes away" for that host alone: open connections drop and new ones are refused, as when PostgreSQL restarts.
/// </summary>
public sealed class DatabaseLink : IAsyncDisposable
{
    private readonly IPEndPoint _database;
    private readonly CancellationTokenSource _stopped = new();
    private readonly List<TcpClient> _open = [];
    private readonly int _port;
    private TcpListener? _listener;

    public DatabaseLink(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        _database = new IPEndPoint(IPAddress.Parse(target.Host == "localhost" ? "127.0.0.1" : target.Host!), target.Port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = _port }.ConnectionString;
        Restore();
    }

    /// <summary>The test database's connection string, pointed at the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>Drops every relayed connection and refuses new ones.</summary>
    public void Cut()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        lock (_open)
        {
            if (_listener is not null) return;
            var listener = new TcpListener(IPAddress.Loopback, _port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopped.IsCancellationRequested)
        {
            TcpClient caller;
            try { caller = await listener.AcceptTcpClientAsync(_stopped.Token); }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException) { return; }

            var database = new TcpClient();
            try { await database.ConnectAsync(_database, _stopped.Token); }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                caller.Dispose();
                database.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(caller);
                _open.Add(database);
            }
            _ = PumpAsync(caller, database);
            _ = PumpAsync(database, caller);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), _stopped.Token); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException) { }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stopped.Cancel();
        Cut();
        _stopped.Dispose();
        return ValueTask.CompletedTask;
    }
}
