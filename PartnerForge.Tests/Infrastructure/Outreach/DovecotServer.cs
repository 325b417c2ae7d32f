using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Outreach;

/// <summary>
/// A real IMAP server for the test: Debian's dovecot-imapd with a config of its own in a temp folder (plain IMAP on a free
/// loopback port, one user with a plaintext password, Maildir storage in the folder, logging to a file there), run in the
/// foreground as a child process. As root its processes drop to Debian's dovecot and dovenull users (dovecot refuses to
/// serve mail as root); as anyone else they run as that user. Stopped (doveadm stop, then the process this fixture
/// started) and its folder removed on dispose.
/// </summary>
public sealed class DovecotServer : IAsyncLifetime
{
    private const string Dovecot = "/usr/sbin/dovecot";
    private Process? _process;
    private string _directory = string.Empty;

    public const string UserName = "outreach@northwind.test";

    public string Password { get; } = "imap-" + Guid.NewGuid().ToString("N")[..16];

    public int Port { get; private set; }

    public string ConfigPath => Path.Combine(_directory, "dovecot.conf");

    public string LogPath => Path.Combine(_directory, "dovecot.log");

    /// <summary>The <c>Outreach:Imap</c> settings that point PartnerForge at this server.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Outreach:Imap:Host"] = "127.0.0.1",
        ["Outreach:Imap:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Outreach:Imap:Security"] = "None",
        ["Outreach:Imap:UserName"] = UserName,
        ["Outreach:Imap:Password"] = Password,
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(Dovecot))
        {
            throw new InvalidOperationException("dovecot not found. Run the README's test command, which installs Debian's dovecot-imapd package.");
        }

        _directory = TestEnvironment.NewDirectory("dovecot");
        var mail = Directory.CreateDirectory(Path.Combine(_directory, "mail")).FullName;
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // The mail processes run as the dovecot user and create the user's Maildir here.
            File.SetUnixFileMode(mail, (UnixFileMode)Convert.ToInt32("1777", 8));
        }

        Directory.CreateDirectory(Path.Combine(_directory, "run"));
        Directory.CreateDirectory(Path.Combine(_directory, "state"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "users"), $"{UserName}:{{PLAIN}}{Password}::::::\n");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await File.WriteAllTextAsync(ConfigPath, Config(mail));
        await StartAsync();
    }

    private string Config(string mail)
    {
        // Debian's users as root; else this user, its group by number (its name may differ from the user's).
        var (login, internalUser, internalGroup, uid, gid) = Environment.IsPrivilegedProcess
            ? ("dovenull", "dovecot", "dovecot", "dovecot", "dovecot")
            : (Environment.UserName, Environment.UserName, string.Empty, Environment.UserName, OwnId("Gid:"));
        return $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{_directory}}/run
            state_dir = {{_directory}}/state
            instance_name = partnerforge-test-{{Port}}
            log_path = {{LogPath}}
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_login_user = {{login}}
            default_internal_user = {{internalUser}}
            default_internal_group = {{internalGroup}}
            first_valid_uid = 1
            mail_location = maildir:{{mail}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_directory}}/users
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{mail}}/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """;
    }

    /// <summary>This process's real user or group id, from <c>/proc/self/status</c>.</summary>
    private static string OwnId(string field) =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Split('\t', StringSplitOptions.RemoveEmptyEntries)[0];

    private async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Dovecot, ["-F", "-c", ConfigPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("dovecot did not start.");
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"dovecot exited: {await _process.StandardError.ReadToEndAsync()} {ReadLog()}");
                }

                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"dovecot did not listen on {Port}: {ReadLog()}");
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>Delivers a message into the INBOX (IMAP APPEND), unread.</summary>
    public async Task AppendAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
    }

    /// <summary>Every message in the INBOX with whether it is read (looked at with EXAMINE, which changes nothing).</summary>
    public async Task<IReadOnlyList<(string? MessageId, string? Subject, bool Seen)>> InboxAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summaries = client.Inbox.Count == 0 ? [] : await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return summaries.Select(s => (s.Envelope?.MessageId, s.Envelope?.Subject, s.Flags.GetValueOrDefault().HasFlag(MessageFlags.Seen))).ToList();
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(UserName, Password);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var stop = Process.Start(new ProcessStartInfo("/usr/bin/doveadm", ["-c", ConfigPath, "stop"]) { RedirectStandardError = true, RedirectStandardOutput = true }))
            {
                if (stop is not null)
                {
                    await stop.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }

            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }

        _process?.Dispose();
        _process = null;
        for (var attempt = 0; _directory.Length > 0 && Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(100); // a mail process still closing its index files
            }
        }
    }
}
