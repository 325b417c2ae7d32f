using System.Net;
using System.Net.Sockets;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Infrastructure.Enrichment.Fetching;

public sealed class SsrfRefusedException(string message) : IOException(message);

/// <summary>
/// The connect step of the fetcher's handler: resolves the host, refuses any address that is not allowed,
/// connects, and checks the address actually connected to once more. In sandbox mode every host name is
/// connected to the sample-site server instead (the address check still applies to it), and the only loopback
/// endpoint an IP address may name is that server's.
/// </summary>
internal static class SsrfGuard
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, FetchOptions options, string? sandboxEndpoint, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
            // With a sample-site server, loopback means that server only: never the app itself or another local service.
            if (!string.IsNullOrEmpty(sandboxEndpoint) && IPAddress.IsLoopback(literal) && !IPEndPoint.Parse(sandboxEndpoint).Equals(new IPEndPoint(literal, port)))
            {
                throw new SsrfRefusedException($"{literal}:{port} is a loopback address other than the sample-site server, which PartnerForge does not connect to.");
            }
        }
        else if (!string.IsNullOrEmpty(sandboxEndpoint))
        {
            var sandbox = IPEndPoint.Parse(sandboxEndpoint);
            addresses = [sandbox.Address];
            port = sandbox.Port;
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }

        var allowed = addresses.Where(a => AddressPolicy.IsAllowed(a, options.AllowLoopback, options.AllowPrivate)).ToArray();
        if (allowed.Length == 0)
        {
            throw new SsrfRefusedException($"{host} resolves to {string.Join(", ", addresses.Select(a => $"{a} ({AddressPolicy.Classify(a)})"))}, which PartnerForge does not connect to.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(allowed, port, timeout.Token);
            var connected = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            if (!AddressPolicy.IsAllowed(connected, options.AllowLoopback, options.AllowPrivate))
            {
                throw new SsrfRefusedException($"Connected to {connected} ({AddressPolicy.Classify(connected)}), which PartnerForge does not connect to.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
