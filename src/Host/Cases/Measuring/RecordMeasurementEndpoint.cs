using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Measuring;

public static class RecordMeasurementEndpoint
{
    /// <summary>A ZRM measurement of a resident, parent or youth of the case: per life domain a level 1–5 and the split of support over own strength, network and professionals.</summary>
    [EndpointSummary("Record a self-reliance measurement (ZRM 2017)")]
    [WolverinePost(CaseRoutes.Case + "/measurements", OperationId = "RecordMeasurement"), Authorize(Policy = Policies.WriteCases)]
    public static (MeasurementAdded, CaseEvents) Post(RecordMeasurement command, [CaseStream] Case state, Stamp stamp)
    {
        var measurementId = Guid.CreateVersion7();
        var events = command.Decide(state, measurementId, stamp);
        return (new MeasurementAdded(measurementId, state.VersionAfter(events)), new CaseEvents(events));
    }
}
