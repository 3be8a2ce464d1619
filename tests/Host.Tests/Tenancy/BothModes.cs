using Participation.Host.Tests.Audit;
using Participation.Host.Tests.Cases;
using Participation.Host.Tests.Networks;
using Participation.Host.Tests.Privacy;

namespace Participation.Host.Tests.Tenancy;

// The API's test classes that also run with a database per tenant (ADR 40), each class whole: every capability the shared
// API fixture covers at least once (the list and its search, and the capabilities with fixtures of their own, are in
// DatabasePerTenantTests and TenantDatabaseOutageTests).

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class CaseLifecycleTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : CaseLifecycleTests(api);

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class CaseExportTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : CaseExportTests(api);

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class IdempotencyTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : IdempotencyTests(api);

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class ConcurrencyTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : ConcurrencyTests(api);

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class HistoryTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : HistoryTests(api);

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class ParticipantDataTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : ParticipantDataTests(api);

[Collection(DatabasePerTenantApiCollection.Name)]
public sealed class NetworkApiTestsWithADatabasePerTenant(DatabasePerTenantApiFixture api) : NetworkApiTests(api);
