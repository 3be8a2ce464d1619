using Marten;
using Participation.Domain.Cases;
using Participation.Host.Tests.Support;
using Participation.Projections.Cases;
using Participation.Projections.Progress;

namespace Participation.Host.Tests.Cases;

/// <summary>Where the Host and its projections must know every declared case event, they derive it from <see cref="CaseEventTypes"/>.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseEventRegistryTests(ApiFixture api)
{
    [Fact]
    public void The_event_store_stores_every_declared_event_under_its_declared_name()
    {
        var events = ((DocumentStore)api.Host.Services.GetRequiredService<IDocumentStore>()).Events;

        Assert.All(CaseEventTypes.All, type => Assert.Equal(type.Name, events.EventMappingFor(type.Type).EventTypeName));
    }

    [Fact]
    public void The_read_models_that_follow_the_stream_version_are_handed_every_declared_event()
    {
        var declared = CaseEventTypes.All.Select(t => t.Type).ToHashSet();

        Assert.Equal(declared, new CaseDetailsProjection().Handles.ToHashSet());
        Assert.Equal(declared, new CaseDetailsRowsProjection().Handles.ToHashSet());
        Assert.Equal(declared, new CaseSummaryProjection().Handles.ToHashSet());
    }

    [Fact]
    public void Progress_is_handed_only_the_events_its_figures_need()
    {
        var handled = new CaseProgressProjection().Handles;

        Assert.DoesNotContain(typeof(ParticipantErased), handled);
        Assert.DoesNotContain(typeof(ParticipantJoined), handled);
        Assert.Contains(typeof(ContactMomentRecorded), handled);
        Assert.Subset(CaseEventTypes.All.Select(t => t.Type).ToHashSet(), handled.ToHashSet());
    }

    [Fact]
    public void A_projection_passes_by_an_event_it_does_not_declare()
    {
        var progress = new CaseProgressProjection();
        var opened = new CaseOpened(Guid.NewGuid(), CaseDomain.Sport, new Neighbourhood("E38", "Slotermeer", "Nieuw-West"), "t", null, null, "anna", DateTimeOffset.UtcNow);
        var state = progress.Apply(null, opened.CaseId, opened, 1)!;

        Assert.Same(state, progress.Apply(state, opened.CaseId, new ParticipantErased(Guid.NewGuid(), "admin", DateTimeOffset.UtcNow), 2));
        Assert.Equal(1, state.Version);
    }
}
