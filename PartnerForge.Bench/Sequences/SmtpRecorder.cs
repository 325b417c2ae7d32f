using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerForge.Bench.Sequences;

/// <summary>One message as the SMTP server accepted it.</summary>
internal sealed record ReceivedMessage(string MessageId, string DateHeader, string Recipient, string Subject, double ReceivedAtUnix, int Bytes);

/// <summary>
/// A real SMTP server on a loopback port: Debian's python3-aiosmtpd (its own process, its own protocol code), with a small
/// handler that appends one tab-separated line per accepted message (Message-ID, Date, recipient, subject, receipt time, size)
/// to a file before it answers 250. So once a client has its 250, the line is in the file: <see cref="ReadNew"/> after a
/// dispatch returns sees every message that dispatch delivered.
/// </summary>
internal sealed class SmtpRecorder : IAsyncDisposable
{
    private const string Handler = """
        import time
        from email.parser import BytesHeaderParser


        def _clean(value):
            return " ".join(str(value or "").split())


        class Recorder:
            def __init__(self, path):
                self.out = open(path, "a", buffering=1, encoding="utf-8")
                self.parser = BytesHeaderParser()

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])

            async def handle_DATA(self, server, session, envelope):
                headers = self.parser.parsebytes(envelope.original_content or envelope.content)
                for rcpt in envelope.rcpt_tos:
                    self.out.write("\t".join([_clean(headers.get("Message-ID")), _clean(headers.get("Date")), rcpt.lower(),
                                              _clean(headers.get("Subject")), repr(time.time()),
                                              str(len(envelope.original_content or b""))]) + "\n")
                return "250 Message accepted for delivery"
        """;

    private readonly Process process;
    private readonly FileStream reader;
    private readonly StringBuilder pending = new();

    private SmtpRecorder(Process process, int port, string log)
    {
        this.process = process;
        Port = port;
        reader = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    public int Port { get; }

    public static async Task<SmtpRecorder> StartAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "bench_recorder.py"), Handler);
        var log = Path.Combine(folder, "received.tsv");
        await File.WriteAllTextAsync(log, string.Empty);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "bench_recorder.Recorder", log])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        start.Environment["PYTHONPATH"] = folder;
        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start (is python3-aiosmtpd installed?)");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpRecorder(process, port, log);
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("aiosmtpd exited: " + await process.StandardError.ReadToEndAsync());
                }

                await Task.Delay(100);
            }
        }

        process.Kill();
        throw new TimeoutException($"aiosmtpd did not listen on {port}.");
    }

    /// <summary>The messages accepted since the last call (whole lines only).</summary>
    public List<ReceivedMessage> ReadNew()
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            pending.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return [];
        }

        pending.Clear().Append(text[(end + 1)..]);
        return text[..end].Split('\n').Select(Parse).ToList();
    }

    private static ReceivedMessage Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 6)
        {
            throw new FormatException($"The recorder wrote a line of {f.Length} fields: {line}");
        }

        return new ReceivedMessage(f[0].Trim('<', '>'), f[1], f[2], f[3], double.Parse(f[4], CultureInfo.InvariantCulture),
            int.Parse(f[5], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
