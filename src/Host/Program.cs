using JasperFx;
using Participation.Host.Audit;
using Participation.Host.Cases;
using Participation.Host.FollowUp;
using Participation.Host.Http;
using Participation.Host.Insights;
using Participation.Host.Networks;
using Participation.Host.Notifications;
using Participation.Host.Operations;
using Participation.Host.Operations.Seeding;
using Participation.Host.Pages;
using Participation.Host.Privacy;
using Participation.Host.Progress;
using Participation.Host.Retention;
using Participation.Host.Security;
using Participation.Host.Security.DevTokens;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
if (SeedCommand.Requested(args)) SeedCommand.Prepare(builder);

builder.Services
    .AddHttpApi(builder.Configuration)
    .AddSecurity(builder.Configuration)
    .AddEventStore(builder.Configuration, builder.Environment)
    .AddCases(builder.Configuration)
    .AddPrivacy(builder.Configuration)
    .AddAudit(builder.Configuration)
    .AddProgress()
    .AddNetworks()
    .AddInsights(builder.Configuration)
    .AddFollowUp(builder.Configuration)
    .AddNotifications(builder.Configuration)
    .AddRetention(builder.Configuration)
    .AddOperations(builder.Configuration)
    .AddPages(builder.Configuration);
builder.Host.UseWolverine(opts => opts.UseHostDefaults(builder.Configuration, builder.Environment));

var app = builder.Build();

app.UseAccessLog();
app.UseHttpApi();
app.UsePages();
app.UseSecurity();
app.MapTelemetry();
app.UseRateLimits();
app.UseProcessingLog();
app.UseDestroyedCases();
app.MapHealth();
app.MapStableOpenApiDocument();
if (app.Environment.IsDevelopment()) app.MapDevTokens();
app.MapWolverineEndpoints(opts => opts.UseApiConventions().RequireTenantTokens().UseCaseCommands());

// Serving is the default and starts quietly; any other command (codegen, resources, projections, seed, …) goes to the JasperFx command line.
if (args is [] || args[0].StartsWith('-')) { await app.RunAsync(); return 0; }
return await app.RunJasperFxCommands(args);
