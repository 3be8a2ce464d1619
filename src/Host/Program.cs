using JasperFx;
using JasperFx.CodeGeneration;
using Participation.Host.Infrastructure;
using Participation.Host.Security;
using Participation.Host.Security.DevTokens;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Persistence;

var builder = WebApplication.CreateBuilder(args);
var production = !builder.Environment.IsDevelopment();

builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsCustomization.Customize);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<TokenIssuer>();
builder.Services.AddParticipationSecurity(builder.Configuration);
builder.Services.AddParticipationMarten(builder.Configuration, production);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddParticipationOpenApi();
builder.Services.AddWolverineHttp();
builder.Services.Configure<RouteOptions>(o => o.SetParameterPolicy<IdRouteConstraint>(IdRouteConstraint.Name));

builder.Host.UseWolverine(opts =>
{
    opts.UseRuntimeCompilation();
    opts.Policies.AutoApplyTransactions();
    opts.Durability.EnableDeduplicatedResponses = true;
    opts.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
    opts.CodeGeneration.TypeLoadMode = production ? TypeLoadMode.Auto : TypeLoadMode.Dynamic;
    if (!production) opts.Durability.Mode = DurabilityMode.Solo;
});

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseSwagger();
app.UseSwaggerUI();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
if (app.Environment.IsDevelopment()) app.MapDevTokens();
app.MapWolverineEndpoints(opts =>
{
    opts.TenantId.IsClaimTypeNamed(ClaimNames.Tenant);
    opts.RequireAuthorizeOnAll();
    opts.RejectUnparseableQueryValues = true;
    opts.MapMartenConcurrencyFailuresToConflict();
    opts.ConfigureEndpoints(IdempotencyPolicy.Apply);
    opts.ConfigureEndpoints(RequiredBodyPolicy.Apply);
    opts.AddMiddleware(typeof(EventMetadataMiddleware), chain => chain.HttpMethods.Contains("POST"));
});

return await app.RunJasperFxCommands(args);
