using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using Participation.Host.Operations;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Progress;

/// <summary>The async daemon's health in <c>/health/ready</c> and as gauges, with the daemon made to stand still.</summary>
[Collection(ProgressCollection.Name)]
public sealed class ProjectionHealthTests(ProgressFixture progress)
{
    private const string CaseProgressShard = "CaseProgress:All";
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task A_stopped_daemon_degrades_readiness_and_shows_in_the_lag_gauges_until_it_catches_up()
    {
        var story = progress.NewStory();
        await story.Open(0, "sport", Hood.BijlmerCentrum, "Eerste");
        await progress.CatchUp();
        var healthy = await Projections(story);
        Assert.Equal("Healthy", (string?)healthy["status"]);
        Assert.Equal((long)healthy["data"]!["highestEvent"]!, (long)healthy["data"]!["highWaterMark"]!);
        Assert.Equal(0, (long)healthy["data"]![$"{CaseProgressShard}.behind"]!);
        Assert.Equal(0, (long)healthy["data"]!["Networks:All.behind"]!);

        // The daemon stops (a crashed or partitioned node): nothing projects and its high-water mark stands still.
        var coordinator = progress.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            var caseId = await story.Open(1, "sport", Hood.BijlmerCentrum, "Tweede");
            for (var i = 0; i < ProgressFixture.MaxLagEvents; i++) await story.Join(1, caseId, "resident", $"Bewoner {i}");
            const long appended = ProgressFixture.MaxLagEvents + 1;

            var degraded = await Projections(story);
            Assert.Equal("Degraded", (string?)degraded["status"]);
            Assert.Contains("HighWaterMark is", (string?)degraded["description"]);
            Assert.Contains(CaseProgressShard + " is", (string?)degraded["description"]);
            var data = degraded["data"]!;
            Assert.Equal(healthy["data"]!["highWaterMark"]!.GetValue<long>(), (long)data["highWaterMark"]!);
            Assert.Equal((long)data["highWaterMark"]! + appended, (long)data["highestEvent"]!);
            Assert.Equal(appended, (long)data["HighWaterMark.behind"]!);
            Assert.Equal(appended, (long)data[$"{CaseProgressShard}.behind"]!);
            Assert.Equal(appended, (long)data["Networks:All.behind"]!);
            Assert.Equal("Degraded", (string?)(await story.Manager.Get("/health/ready", NoToken)).ShouldBe(200).Json["status"]);

            var gauges = await Gauges();
            Assert.Equal(appended, gauges[("participation.projections.lag.events", CaseProgressShard)]);
            Assert.Equal(appended, gauges[("participation.projections.lag.events", "HighWaterMark")]);
            Assert.True(gauges[("participation.projections.lag.seconds", CaseProgressShard)] > 0);
            Assert.Equal((long)data["highWaterMark"]!, gauges[("participation.projections.high_water_mark", "")]);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        await progress.CatchUp();
        Assert.Equal("Healthy", (string?)(await Projections(story))["status"]);
        Assert.Equal(0, (await Gauges())[("participation.projections.lag.events", CaseProgressShard)]);
    }

    private static async Task<JsonNode> Projections(Story story)
    {
        var report = (await story.Manager.Get("/health/ready", NoToken)).ShouldBe(200).Json;
        return report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "projections")!;
    }

    /// <summary>The current values of this host's projection gauges, by instrument and shard.</summary>
    private async Task<Dictionary<(string Instrument, string Shard), double>> Gauges()
    {
        await progress.Host.Services.GetRequiredService<ProjectionMonitor>().SampleAsync(CancellationToken.None);
        var scope = progress.Host.Services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<(string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectionMonitor.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)) l.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var shard = "";
            foreach (var tag in tags) if (tag.Key == "shard") shard = (string)tag.Value!;
            values[(instrument.Name, shard)] = value;
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
