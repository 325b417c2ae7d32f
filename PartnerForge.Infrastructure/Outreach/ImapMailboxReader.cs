using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerForge.Infrastructure.Outreach;

/// <summary>What one look at the outreach mailbox found.</summary>
public sealed record InboundPoll(int Screened, int Replies, int Bounces, int Automatic)
{
    public static readonly InboundPoll None = new(0, 0, 0, 0);
}

/// <summary>The mailbox replies and bounces of outreach arrive in.</summary>
public interface IInboundMailbox
{
    /// <summary>Reads the messages that came in since the last look and records the replies and bounces among them.</summary>
    Task<InboundPoll> PollAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads the outreach mailbox over IMAP (<see cref="ImapOptions"/>), one connection per poll to the configured server and
/// nowhere else (nothing in a message is ever fetched). Unread messages are screened by a few headers; those that may be
/// ours are downloaded and classified (<see cref="InboundMailClassifier"/>); replies and bounces are recorded through
/// <see cref="EngagementService.RecordInboundAsync"/>, and every message about our e-mails (automatic answers too) is
/// marked read only after that, so a crash in between reads it again (recording is idempotent). Messages that are none
/// of ours (the person's other mail, the rep's own bounces) stay unread; the highest UID looked at is remembered for the
/// process's life so they are not screened again on every poll.
/// </summary>
internal sealed class ImapMailboxReader(IOptions<ImapOptions> options, IServiceScopeFactory scopes, ILogger<ImapMailboxReader> log) : IInboundMailbox, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (uint Validity, uint Uid) _screened;

    public async Task<InboundPoll> PollAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return InboundPoll.None;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var client = new ImapClient { Timeout = o.TimeoutSeconds * 1000 };
            await client.ConnectAsync(o.Host!.Trim(), o.Port, o.SocketOptions, cancellationToken);
            await client.AuthenticateAsync(o.UserName!, o.Password!, cancellationToken);
            var folder = string.Equals(o.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(o.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var poll = await ReadAsync(folder, o.MaxMessagesPerPoll, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            if (poll.Replies + poll.Bounces > 0)
            {
                log.LogInformation("Outreach mailbox: {Replies} replies and {Bounces} bounces recorded of {Screened} unread messages", poll.Replies, poll.Bounces, poll.Screened);
            }

            return poll;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<InboundPoll> ReadAsync(IMailFolder folder, int max, CancellationToken cancellationToken)
    {
        var after = _screened.Validity == folder.UidValidity ? _screened.Uid : 0;
        var query = after == 0 ? SearchQuery.NotSeen : SearchQuery.NotSeen.And(SearchQuery.Uids(new UniqueIdRange(new UniqueId(after + 1), UniqueId.MaxValue)));
        // "UID n:*" also matches the newest message when n is past it (RFC 3501): keep only those really after.
        var uids = (await folder.SearchAsync(query, cancellationToken)).Where(u => u.Id > after).OrderBy(u => u.Id).Take(max).ToList();
        if (uids.Count == 0)
        {
            return InboundPoll.None;
        }

        var summaries = await folder.FetchAsync(uids, new FetchRequest(MessageSummaryItems.UniqueId, InboundMailClassifier.ScreeningHeaders), cancellationToken);
        var concerning = summaries.Where(s => s.Headers is { } headers && InboundMailClassifier.MayConcern(headers)).Select(s => s.UniqueId).ToHashSet();
        var kinds = new List<InboundKind>();
        foreach (var uid in uids)
        {
            if (concerning.Contains(uid) && await HandleAsync(folder, uid, cancellationToken) is { } kind)
            {
                kinds.Add(kind);
            }

            _screened = (folder.UidValidity, uid.Id);
        }

        return new InboundPoll(uids.Count, kinds.Count(k => k == InboundKind.Replied), kinds.Count(k => k == InboundKind.Bounced),
            kinds.Count(k => k is InboundKind.AutoReplied or InboundKind.Delayed));
    }

    /// <summary>
    /// Downloads and classifies one message; one about our e-mail is recorded (a reply or a bounce) and then marked read.
    /// Returns what it was; null (none of ours: the rep's own bounce, another thread) leaves it unread.
    /// </summary>
    private async Task<InboundKind?> HandleAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        // BODY.PEEK: downloading does not mark it read; that waits until it is recorded.
        using var message = await folder.GetMessageAsync(uid, cancellationToken);
        if (InboundMailClassifier.Classify(message) is not { } found)
        {
            return null;
        }

        if (found.Engagement is { } engagement)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<EngagementService>().RecordInboundAsync(found.MessageId, engagement, cancellationToken))
            {
                log.LogInformation("Outreach mailbox: a {Kind} names {MessageId}, which no touch has (erased, or sent from elsewhere)", found.Kind, found.MessageId);
            }
        }

        await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
        return found.Kind;
    }

    public void Dispose() => _gate.Dispose();
}
