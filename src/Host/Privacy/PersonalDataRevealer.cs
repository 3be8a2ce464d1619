using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

/// <summary>
/// Opens the encrypted personal data in what the API answers, for the caller's tenant; a text that belongs to
/// an erased participant shows as <c>[erased]</c>, a structured one (JSON, <see cref="PersonalDataCipher.StructuredPrefix"/>) as <c>null</c>. Works on the serialized JSON, so read models,
/// event histories and exports are all covered the same way: the answer is serialized once, and
/// each encrypted string is swapped for its plaintext as the answer is written. Before it hands out any plaintext, the
/// processing log has stored a record for each participant whose data it opens (ADR 32): it knows them from the ciphertexts.
/// </summary>
public sealed class PersonalDataRevealer(IOptions<JsonOptions> json, PersonalDataKeys keys, ProcessingLogRecorder processingLog)
{
    private const int FlushEvery = 64 * 1024;

    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    /// <summary>A encrypted string value from its opening quote to just past its closing one, and the JSON string that replaces it.</summary>
    public sealed record Opened(long Start, long End, byte[] Json);

    public Task<RevealedJson<T>> RevealAsync<T>(T value, IQuerySession session, CancellationToken token) =>
        RevealAsync(value, session, CaseParticipantKeys.None, [], token);

    /// <summary>
    /// As <see cref="RevealAsync{T}(T, IQuerySession, CancellationToken)"/>, with the stored keys of <paramref name="participants"/>
    /// read already (<paramref name="known"/>, e.g. in the batch that read the case): one of them without a key there has none
    /// (erased); only keys of anyone else are loaded.
    /// </summary>
    public async Task<RevealedJson<T>> RevealAsync<T>(T value, IQuerySession session, CaseParticipantKeys known, IReadOnlyCollection<Guid> participants,
        CancellationToken token)
    {
        var serialized = await PooledJson.SerializeAsync(value, Json);
        try
        {
            using var reader = new Reader(session, keys, processingLog, Json.Encoder ?? JavaScriptEncoder.Default, known, participants);
            return new RevealedJson<T>(serialized, await reader.OpenAsync(serialized.Bytes, token));
        }
        catch
        {
            serialized.Dispose();
            throw;
        }
    }

    /// <summary>A reader that remembers the keys it loaded, for streaming many items.</summary>
    public Reader ReaderFor(IQuerySession session) => new(session, keys, processingLog, Json.Encoder ?? JavaScriptEncoder.Default, CaseParticipantKeys.None, []);

    /// <summary>Writes <paramref name="json"/> with the opened values in place of the encrypted ones.</summary>
    public static async ValueTask WriteAsync(ReadOnlySequence<byte> json, IReadOnlyList<Opened> opened, PipeWriter output, CancellationToken token)
    {
        long rest = 0, unflushed = 0;
        foreach (var value in opened)
        {
            unflushed += Copy(json.Slice(rest, value.Start - rest), output);
            output.Write(value.Json);
            rest = value.End;
            if (unflushed > FlushEvery) { await output.FlushAsync(token); unflushed = 0; }
        }
        Copy(json.Slice(rest), output);
    }

    private static long Copy(ReadOnlySequence<byte> slice, IBufferWriter<byte> output)
    {
        foreach (var segment in slice) output.Write(segment.Span);
        return slice.Length;
    }

    public sealed class Reader : IDisposable
    {
        private static ReadOnlySpan<byte> EncryptedPrefix => "pd1:"u8;
        private static ReadOnlySpan<byte> StructuredPrefix => "pdj1:"u8;

        private readonly IQuerySession _session;
        private readonly PersonalDataKeys _personalDataKeys;
        private readonly ProcessingLogRecorder _processingLog;
        private readonly Dictionary<string, Guid[]> _subjectsOf = new(StringComparer.Ordinal);
        private readonly JavaScriptEncoder _encoder;
        private readonly Dictionary<Guid, byte[]> _keys = new();
        private readonly HashSet<Guid> _missing = new();
        private readonly HashSet<string> _subjectSets = new(StringComparer.Ordinal);
        private readonly PersonalDataCipher.Opener _opener;
        private readonly CaseParticipantKeys _known;
        private readonly IReadOnlyCollection<Guid> _knownFor;

        internal Reader(IQuerySession session, PersonalDataKeys personalDataKeys, ProcessingLogRecorder processingLog, JavaScriptEncoder encoder,
            CaseParticipantKeys known, IReadOnlyCollection<Guid> knownFor)
        {
            _session = session;
            _personalDataKeys = personalDataKeys;
            _processingLog = processingLog;
            _encoder = encoder;
            _opener = new PersonalDataCipher.Opener(_keys);
            _known = known;
            _knownFor = knownFor;
        }

        /// <summary>Finds the encrypted string values in <paramref name="json"/> and opens them, in document order.</summary>
        public async Task<IReadOnlyList<Opened>> OpenAsync(ReadOnlySequence<byte> json, CancellationToken token)
        {
            var found = Encrypted(json);
            if (found.Count == 0) return [];
            await LoadKeys(found, token);
            await _processingLog.RevealedAsync(Revealed(found), token);
            return found.ConvertAll(f => new Opened(f.Start, f.End, PersonalDataCipher.IsStructured(f.Text) ? Structured(f.Text) : Quoted(_opener.Open(f.Text))));
        }

        public void Dispose() => _opener.Dispose();

        // JSON this Host encrypted itself (a measurement's scores, say); erased, it reads null.
        private byte[] Structured(string token) => _opener.TryOpen(token, out var json) ? Encoding.UTF8.GetBytes(json) : "null"u8.ToArray();

        private byte[] Quoted(string text)
        {
            var encoded = JsonEncodedText.Encode(text, _encoder).EncodedUtf8Bytes;
            var quoted = new byte[encoded.Length + 2];
            quoted[0] = quoted[^1] = (byte)'"';
            encoded.CopyTo(quoted.AsSpan(1));
            return quoted;
        }

        // The participants whose data these values open: those of their subject sets who still have a key (not erased).
        private IEnumerable<Guid> Revealed(List<(long, long, string Text)> found)
        {
            string? previous = null;
            foreach (var (_, _, text) in found)
            {
                var subjectSet = PersonalDataCipher.SubjectSet(text);
                if (subjectSet == previous) continue;
                previous = subjectSet;
                if (!_subjectsOf.TryGetValue(subjectSet, out var subjects))
                    _subjectsOf[subjectSet] = subjects = PersonalDataCipher.SubjectsIn(subjectSet).ToArray();
                foreach (var id in subjects)
                {
                    if (_keys.ContainsKey(id)) yield return id;
                }
            }
        }

        private async Task LoadKeys(List<(long, long, string Text)> found, CancellationToken token)
        {
            // A case's values are about the same few people, so each set of subjects is parsed once.
            var unknown = new HashSet<Guid>();
            foreach (var (_, _, text) in found)
            {
                var subjectSet = PersonalDataCipher.SubjectSet(text);
                if (!_subjectSets.Add(subjectSet)) continue;
                foreach (var id in PersonalDataCipher.SubjectsIn(subjectSet))
                {
                    if (_keys.ContainsKey(id) || _missing.Contains(id)) continue;
                    if (_known.TryGet(id, out var stored)) _keys[id] = _personalDataKeys.Open(_session.TenantId, stored);
                    else if (_knownFor.Contains(id)) _missing.Add(id);
                    else unknown.Add(id);
                }
            }
            if (unknown.Count == 0) return;
            foreach (var (id, key) in await _personalDataKeys.LoadAsync(_session, unknown, token)) _keys[id] = key;
            _missing.UnionWith(unknown.Where(id => !_keys.ContainsKey(id)));
        }

        private static List<(long Start, long End, string Text)> Encrypted(ReadOnlySequence<byte> json)
        {
            var found = new List<(long, long, string)>();
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String && StartsEncrypted(ref reader))
                    found.Add((reader.TokenStartIndex, reader.BytesConsumed, reader.GetString()!));
            }
            return found;
        }

        private static bool StartsEncrypted(ref Utf8JsonReader reader)
        {
            if (!reader.HasValueSequence) return reader.ValueSpan.StartsWith(EncryptedPrefix) || reader.ValueSpan.StartsWith(StructuredPrefix);
            var value = reader.ValueSequence;
            Span<byte> head = stackalloc byte[StructuredPrefix.Length];
            var length = (int)Math.Min(value.Length, head.Length);
            value.Slice(0, length).CopyTo(head);
            return head[..length].StartsWith(EncryptedPrefix) || head[..length].StartsWith(StructuredPrefix);
        }
    }
}
