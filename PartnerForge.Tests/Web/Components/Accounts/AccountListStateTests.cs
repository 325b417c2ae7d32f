using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Web.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The accounts grid's state in the URL: defaults leave no trace, every part survives a round trip, junk falls back.</summary>
public sealed class AccountListStateTests
{
    private static AccountListState RoundTrip(AccountListState state)
    {
        var query = state.ToQuery();
        return AccountListState.FromQuery(name => query.TryGetValue(name, out var value) ? value as string : null);
    }

    [Fact]
    public void The_default_view_writes_no_query_parameter()
    {
        new AccountListState().ToQuery().Values.Should().AllSatisfy(v => v.Should().BeNull());
        AccountListState.FromQuery(_ => null).Should().Be(new AccountListState());
    }

    [Fact]
    public void Filters_sort_page_size_and_columns_survive_the_url()
    {
        var state = new AccountListState
        {
            Filter = new AccountFilter
            {
                Search = "cob", Industry = "Healthcare", Country = "DE", EmployeeBand = "51-200", RevenueBand = "10M-50M", Tier = AccountTier.B,
                OwnerId = Guid.Empty, Tag = "Q1 push", MinPriority = 50, MinFit = 10, MinSignal = 0,
            },
            Sort = new AccountSort(AccountSortColumn.Priority, Descending: true),
            Page = 2,
            PageSize = 100,
            Columns = ["Domain", "Priority"],
        };

        var query = state.ToQuery();
        query["owner"].Should().Be("none");
        query["sort"].Should().Be("priority");
        query["page"].Should().Be("3", "the URL counts pages from one");
        query["cols"].Should().Be("Domain,Priority");
        RoundTrip(state).Should().Be(state);

        var owner = Guid.NewGuid();
        RoundTrip(state with { Filter = state.Filter with { OwnerId = owner } }).Filter.OwnerId.Should().Be(owner);
    }

    [Fact]
    public void Unknown_or_out_of_range_values_fall_back_to_the_defaults()
    {
        var junk = new Dictionary<string, string>
        {
            ["tier"] = "Z", ["owner"] = "someone", ["employees"] = "lots", ["priority"] = "250", ["fit"] = "x",
            ["sort"] = "drop table", ["page"] = "-4", ["size"] = "7", ["cols"] = "Secret,Domain",
        };

        var state = AccountListState.FromQuery(name => junk.GetValueOrDefault(name));

        state.Filter.Should().Be(new AccountFilter { MinPriority = 100 });
        state.Sort.Should().Be(new AccountSort());
        state.Page.Should().Be(0);
        state.PageSize.Should().Be(AccountListState.DefaultPageSize);
        state.Columns.Should().Equal("Domain");
    }

    [Fact]
    public void A_new_filter_starts_again_from_the_first_page_and_a_saved_view_brings_its_sort_columns_and_size()
    {
        var state = new AccountListState { Page = 4 };
        state.WithFilter(new AccountFilter { Search = "  dri ", Country = " " }).Should().Be(new AccountListState { Filter = new AccountFilter { Search = "dri" } });

        var view = AccountListState.FromView(new AccountViewDefinition(new AccountFilter { Tag = "vip" }, new AccountSort(AccountSortColumn.Fit, true), ["Fit", "Nope"], 50));
        view.Should().Be(new AccountListState { Filter = new AccountFilter { Tag = "vip" }, Sort = new AccountSort(AccountSortColumn.Fit, true), Columns = ["Fit"], PageSize = 50 });
        AccountListState.FromView(new AccountViewDefinition(new AccountFilter(), new AccountSort(), [], 33)).PageSize.Should().Be(25);
    }
}
