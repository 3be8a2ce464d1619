using Microsoft.OpenApi;
using Participation.Domain.Cases.Measuring;
using Participation.Projections.Cases;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Participation.Host.Cases.Measuring;

/// <summary>
/// A measurement's scores and note are stored as the person's encrypted texts, and the API reveals them as what they hold:
/// the document says so (a list of scores and a text, each <c>null</c> once the person is erased), not "string".
/// </summary>
public sealed class MeasurementSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(MeasurementDetails) || schema is not OpenApiSchema measurement || measurement.Properties is null) return;
        var score = context.SchemaGenerator.GenerateSchema(typeof(DomainScore), context.SchemaRepository);
        measurement.Properties["domains"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = score,
            Description = "The scores per life domain; null once the participant is erased.",
        };
        measurement.Properties["note"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Null when there is none, or once the participant is erased.",
        };
    }
}
