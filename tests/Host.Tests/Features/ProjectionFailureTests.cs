using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JasperFx.Events.Daemon;
using Marten;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Operations;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using Participation.Projections.Progress;

namespace Participation.Host.Tests.Features;

/// <summary>
/// An event a projection cannot apply (here: edited in PostgreSQL while the daemon stood still) is skipped
/// without holding up the others, and shows in <c>/health/ready</c>, in a gauge, in a log line and in the
/// rebuild's output until an operator has dealt with it.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class ProjectionFailureTests(FeatureFixture features)
{
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task An_event_edited_under_a_stopped_daemon_degrades_readiness_naming_the_projection_and_the_sequence_until_cleared()
    {
        var caseworker = features.NewTenant(Roles.Caseworker);
        var (caseId, parent) = await caseworker.CaseInPhase("strengthen");
        var bystander = await caseworker.OpenCase();
        await features.CatchUp();
        Assert.Equal("Healthy", (string?)(await Projections(caseworker))["status"]);

        var coordinator = features.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        long sequence;
        string original;
        var schema = features.Schema;
        try
        {
            var before = (long)(await Sql.ScalarAsync($"select max(seq_id) from {schema}.mt_events"))!;
            await caseworker.RecordContact(caseId, parent);
            await caseworker.RecordContact(bystander, await caseworker.AddParticipant(bystander));
            await caseworker.RecordContact(caseId, parent);
            sequence = (long)(await Sql.ScalarAsync(
                $"select min(seq_id) from {schema}.mt_events where stream_id = '{caseId}' and type = 'contact_moment_recorded' and seq_id > {before}"))!;
            original = (string)(await Sql.ScalarAsync($"select data::text from {schema}.mt_events where seq_id = {sequence}"))!;
            await Sql.ExecuteAsync($"update {schema}.mt_events set data = jsonb_set(data, '{{occurredAt}}', '\"not a time\"') where seq_id = {sequence}");
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        try
        {
            await features.CatchUp();
            var degraded = await Projections(caseworker);
            Assert.Equal("Degraded", (string?)degraded["status"]);
            // The case's progress and the notifications both read contact moments: each skipped it.
            foreach (var reader in new[] { CaseProgressProjection.ProjectionName, NotificationFanOut.Name })
            {
                Assert.Contains($"{reader} could not apply 1 event(s) and skipped them, the first at sequence {sequence}", (string?)degraded["description"]);
                Assert.Equal(1, (int)degraded["data"]![$"{reader}.failedEvents"]!);
                Assert.Equal(sequence, (long)degraded["data"]![$"{reader}.firstFailedSequence"]!);
            }
            Assert.Equal(1, await FailedEventsGauge());
            Assert.Contains(features.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal)
                && line.Contains($"{CaseProgressProjection.ProjectionName} could not apply the event at sequence {sequence}"));

            // The other events of the same batch were applied: the one skipped event held nothing else up.
            await using (var session = features.Host.Services.GetRequiredService<IDocumentStore>().QuerySession(caseworker.Tenant))
            {
                Assert.NotNull((await session.LoadAsync<CaseProgress>(bystander))!.LastContactAt);
                Assert.Equal(8, (await session.LoadAsync<CaseProgress>(caseId))!.Version); // the contact after the skipped one
            }

            // The operator lists what was skipped, and may accept the skip; the health report follows.
            var listed = await HostCommandLine.Run(features.Schema, "projection-errors");
            Assert.True(listed.ExitCode == 0 && Regex.IsMatch(listed.Output, $@"{CaseProgressProjection.ProjectionName}\W+{sequence}\b"), listed.Output);
            var cleared = await HostCommandLine.Run(features.Schema, "projection-errors", "clear");
            Assert.True(cleared.ExitCode == 0, cleared.Output);
            Assert.Equal("Healthy", (string?)(await Projections(caseworker))["status"]);
            Assert.Equal(0, await FailedEventsGauge());

            // A rebuild does not skip: it stops, and says at which event.
            var (failedRebuild, output) = await HostCommandLine.Run(features.Schema, "projections", "rebuild", "-p", CaseProgressProjection.ProjectionName);
            Assert.True(failedRebuild != 0 || output.Contains("Errors detected"), output);
            Assert.Matches($@"sequence\D{{1,5}}{sequence}\b.*contact_moment_recorded", output);
        }
        finally
        {
            // The operator's way out, as the README gives it: put the data right and rebuild the projection.
            await Sql.ExecuteAsync($"update {schema}.mt_events set data = '{original.Replace("'", "''")}'::jsonb where seq_id = {sequence}");
            var rebuild = await HostCommandLine.Run(features.Schema, "projections", "rebuild", "-p", CaseProgressProjection.ProjectionName);
            Assert.True(rebuild.ExitCode == 0 && !rebuild.Output.Contains("Errors detected"), rebuild.Output);
        }

        await using (var session = features.Host.Services.GetRequiredService<IDocumentStore>().QuerySession(caseworker.Tenant))
            Assert.Equal(8, (await session.LoadAsync<CaseProgress>(caseId))!.Version);
        Assert.Equal("Healthy", (string?)(await Projections(caseworker))["status"]);
        Assert.Equal(0, await FailedEventsGauge());
    }

    private static async Task<JsonNode> Projections(Caller caller)
    {
        var report = (await caller.Get("/health/ready", NoToken)).ShouldBe(200).Json;
        return report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "projections")!;
    }

    private async Task<double> FailedEventsGauge()
    {
        await features.Host.Services.GetRequiredService<ProjectionMonitor>().SampleAsync(CancellationToken.None);
        var scope = features.Host.Services.GetRequiredService<IMeterFactory>();
        double? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectionMonitor.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)
                && instrument.Name == "participation.projections.failed_events") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, measured, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "projection", Value: CaseProgressProjection.ProjectionName }) value = measured;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException("The failed-events gauge reported nothing for CaseProgress.");
    }
}
