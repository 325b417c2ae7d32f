using PartnerForge.Domain.Crm;

namespace PartnerForge.Tests.Domain.Crm;

public sealed class CrmDomainTests
{
    private static readonly DateTime Ours = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ConflictPolicy.CrmWins, true)]
    [InlineData(ConflictPolicy.PartnerForgeWins, false)]
    public void A_fixed_policy_decides_whatever_the_times(ConflictPolicy policy, bool takeCrm)
    {
        ConflictRule.TakeCrmValue(policy, "Retail", "Software", Ours.AddHours(-1), Ours).Should().Be(takeCrm);
        ConflictRule.TakeCrmValue(policy, "Retail", "Software", Ours.AddHours(1), Ours).Should().Be(takeCrm);
    }

    [Fact]
    public void Newest_wins_takes_the_crm_value_only_when_the_crm_record_changed_after_ours()
    {
        ConflictRule.TakeCrmValue(ConflictPolicy.NewestWins, "Retail", "Software", Ours.AddSeconds(1), Ours).Should().BeTrue();
        ConflictRule.TakeCrmValue(ConflictPolicy.NewestWins, "Retail", "Software", Ours.AddSeconds(-1), Ours).Should().BeFalse();
        ConflictRule.TakeCrmValue(ConflictPolicy.NewestWins, "Retail", "Software", Ours, Ours).Should().BeFalse("a tie keeps ours");
        ConflictRule.TakeCrmValue(ConflictPolicy.NewestWins, "Retail", "Software", null, Ours).Should().BeFalse("an unknown CRM time counts as older");
    }

    [Theory]
    [InlineData(ConflictPolicy.CrmWins)]
    [InlineData(ConflictPolicy.PartnerForgeWins)]
    [InlineData(ConflictPolicy.NewestWins)]
    public void An_empty_value_of_ours_is_filled_and_equal_values_are_no_change(ConflictPolicy policy)
    {
        ConflictRule.TakeCrmValue(policy, null, "Software", Ours.AddDays(-9), Ours).Should().BeTrue();
        ConflictRule.TakeCrmValue(policy, " ", "Software", Ours.AddDays(-9), Ours).Should().BeTrue();
        ConflictRule.TakeCrmValue(policy, "Software", " Software ", Ours.AddDays(9), Ours).Should().BeFalse();
        ConflictRule.TakeCrmValue(policy, null, null, Ours.AddDays(9), Ours).Should().BeFalse();
    }

    [Fact]
    public void A_refused_refresh_needs_a_reconnect_and_a_new_authorisation_makes_the_connection_usable_again()
    {
        var connection = Connected();
        connection.NeedsReconnect("invalid_grant: refresh token is revoked");
        connection.State.Should().Be(CrmConnectionState.NeedsReconnect);
        connection.IsUsable.Should().BeFalse();
        connection.LastError.Should().Contain("invalid_grant");

        connection.Authorise("a2", "r2", Ours.AddHours(1), Guid.NewGuid(), Ours);
        connection.State.Should().Be(CrmConnectionState.Connected);
        connection.IsUsable.Should().BeTrue();
        connection.LastError.Should().BeNull();
    }

    [Fact]
    public void A_revoked_connection_forgets_its_tokens_and_takes_no_refresh()
    {
        var connection = Connected();
        connection.Revoke();
        connection.State.Should().Be(CrmConnectionState.Revoked);
        connection.ProtectedAccessToken.Should().BeNull();
        connection.ProtectedRefreshToken.Should().BeNull();
        connection.Invoking(c => c.Refreshed("a3", null, Ours)).Should().Throw<InvalidOperationException>();
        connection.NeedsReconnect("late error");
        connection.State.Should().Be(CrmConnectionState.Revoked);
    }

    [Fact]
    public void A_refresh_keeps_the_refresh_token_unless_the_crm_rotated_it()
    {
        var connection = Connected();
        connection.Refreshed("a2", null, Ours.AddMinutes(30));
        connection.ProtectedRefreshToken.Should().Be("r1");
        connection.Refreshed("a3", "r3", Ours.AddMinutes(60));
        connection.ProtectedRefreshToken.Should().Be("r3");
        connection.TokenDue(Ours, TimeSpan.FromMinutes(5)).Should().BeFalse();
        connection.TokenDue(Ours.AddMinutes(56), TimeSpan.FromMinutes(5)).Should().BeTrue();
    }

    [Fact]
    public void The_incremental_watermark_never_moves_back()
    {
        var connection = Connected();
        connection.SyncSucceeded(Ours);
        connection.SyncSucceeded(Ours.AddHours(-1));
        connection.LastSyncAtUtc.Should().Be(Ours);
    }

    [Fact]
    public void A_run_goes_queued_running_finished_and_partly_fails_when_a_record_failed()
    {
        var run = new SyncRun(Guid.NewGuid(), SyncRunKind.Initial, null, Ours);
        run.Invoking(r => r.Finish(Ours)).Should().Throw<InvalidOperationException>();
        run.Start(Ours);
        run.Invoking(r => r.Start(Ours)).Should().Throw<InvalidOperationException>();
        run.Count(SyncOutcome.Created, 3);
        run.Count(SyncOutcome.Failed);
        run.Finish(Ours.AddMinutes(1));
        run.State.Should().Be(SyncRunState.PartlyFailed);
        run.Processed.Should().Be(4);
        run.Abort("too late", Ours.AddMinutes(2));
        run.State.Should().Be(SyncRunState.PartlyFailed, "a finished run is not aborted afterwards");
    }

    [Fact]
    public void A_run_interrupted_by_a_stop_goes_back_to_the_queue_with_its_counts()
    {
        var run = new SyncRun(Guid.NewGuid(), SyncRunKind.Incremental, null, Ours);
        run.Invoking(r => r.Requeue()).Should().Throw<InvalidOperationException>("only a running run is requeued");
        run.Start(Ours);
        run.Count(SyncOutcome.Updated, 2);
        run.Requeue();
        run.State.Should().Be(SyncRunState.Queued);
        run.Updated.Should().Be(2);
        run.Start(Ours.AddMinutes(5));
        run.Finish(Ours.AddMinutes(6));
        run.State.Should().Be(SyncRunState.Succeeded);
    }

    [Fact]
    public void A_link_keeps_the_newest_modstamp_and_follows_a_merge()
    {
        var link = new CrmLink(Guid.NewGuid(), CrmObjectKind.Company, Guid.NewGuid(), "101");
        link.Pulled(Ours);
        link.Pulled(Ours.AddDays(-1));
        link.LastPulledModstampUtc.Should().Be(Ours);
        link.MergedInto("202");
        link.CrmId.Should().Be("202");
    }

    [Fact]
    public void Every_default_mapping_names_a_field_we_know()
    {
        CrmFields.HubSpotDefaults.Should().OnlyContain(d => CrmFields.IsKnown(d.Kind, d.Direction, d.OurField));
        CrmFields.HubSpotDefaults.Should().Contain(d => d.Direction == SyncDirection.Push && d.CrmProperty == "partnerforge_tier");
    }

    private static CrmConnection Connected()
    {
        var connection = new CrmConnection(CrmProvider.HubSpot, "4417", "northwind.example", Guid.NewGuid(), Ours);
        connection.Authorise("a1", "r1", Ours.AddMinutes(30), Guid.NewGuid(), Ours);
        return connection;
    }
}
