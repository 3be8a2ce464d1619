using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

/// <summary>
/// Opens the sealed personal data in what the API answers, for the caller's tenant; what belongs to
/// an erased participant shows as <c>[erased]</c>. Works on the JSON form, so read models, event
/// histories and exports are all covered the same way.
/// </summary>
public sealed class PersonalDataRevealer(IOptions<JsonOptions> json)
{
    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    public async Task<T> RevealAsync<T>(T value, IQuerySession session, CancellationToken token)
    {
        var node = JsonSerializer.SerializeToNode(value, Json);
        using (var reader = new Reader(session)) await reader.RevealAsync(node, token);
        return node.Deserialize<T>(Json)!;
    }

    /// <summary>A reader that remembers the keys it loaded, for streaming many items.</summary>
    public Reader ReaderFor(IQuerySession session) => new(session);

    public sealed class Reader : IDisposable
    {
        private readonly IQuerySession _session;
        private readonly Dictionary<Guid, byte[]> _keys = new();
        private readonly HashSet<Guid> _missing = new();
        private readonly PersonalDataCipher.Opener _opener;

        public Reader(IQuerySession session)
        {
            _session = session;
            _opener = new PersonalDataCipher.Opener(_keys);
        }

        public async Task RevealAsync(JsonNode? node, CancellationToken token)
        {
            var sealedValues = Sealed(node).ToList();
            if (sealedValues.Count == 0) return;

            var unknown = sealedValues.SelectMany(v => PersonalDataCipher.Subjects(v.Token))
                .Where(id => !_keys.ContainsKey(id) && !_missing.Contains(id)).Distinct().ToArray();
            if (unknown.Length > 0)
            {
                foreach (var key in await _session.LoadManyAsync<PersonalDataKey>(token, unknown)) _keys[key.Id] = key.Key;
                _missing.UnionWith(unknown.Where(id => !_keys.ContainsKey(id)));
            }
            foreach (var (value, text) in sealedValues)
                value.ReplaceWith(_opener.Open(text));
        }

        public void Dispose() => _opener.Dispose();

        private static IEnumerable<(JsonValue Value, string Token)> Sealed(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var child in obj.Select(p => p.Value).ToList())
                    foreach (var found in Sealed(child)) yield return found;
                    break;
                case JsonArray array:
                    foreach (var child in array.ToList())
                    foreach (var found in Sealed(child)) yield return found;
                    break;
                case JsonValue value when value.TryGetValue<string>(out var text) && PersonalDataCipher.IsSealed(text):
                    yield return (value, text);
                    break;
            }
        }
    }
}
