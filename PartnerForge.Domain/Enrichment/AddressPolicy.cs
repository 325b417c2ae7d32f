using System.Net;
using System.Net.Sockets;

namespace PartnerForge.Domain.Enrichment;

public enum AddressClass
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    CarrierGradeNat,
    CloudMetadata,
    Unspecified,
    Multicast,
}

/// <summary>
/// Classifies the address a fetch actually connects to, for the SSRF guard: only public addresses are
/// allowed unless configuration explicitly allows loopback (tests, the offline demo) or private ranges.
/// </summary>
public static class AddressPolicy
{
    public static AddressClass Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [169, 254, 169, 254] => AddressClass.CloudMetadata,
                [100, 100, 100, 200] => AddressClass.CloudMetadata, // Alibaba Cloud metadata
                [127, ..] => AddressClass.Loopback,
                [0, ..] => AddressClass.Unspecified,
                [10, ..] => AddressClass.Private,
                [172, >= 16 and <= 31, ..] => AddressClass.Private,
                [192, 168, ..] => AddressClass.Private,
                [192, 0, 0, ..] => AddressClass.Private,
                [198, 18 or 19, ..] => AddressClass.Private,
                [169, 254, ..] => AddressClass.LinkLocal,
                [100, >= 64 and <= 127, ..] => AddressClass.CarrierGradeNat,
                [>= 224, ..] => AddressClass.Multicast,
                _ => AddressClass.Public,
            };
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressClass.Loopback;
        }

        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return AddressClass.Unspecified;
        }

        var v6 = address.GetAddressBytes();
        if (v6[0] == 0xfd && v6[1] == 0x00 && v6[2] == 0x0e && v6[3] == 0xc2)
        {
            return AddressClass.CloudMetadata; // fd00:ec2::254 (AWS IMDS over IPv6)
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return AddressClass.LinkLocal;
        }

        if ((v6[0] & 0xfe) == 0xfc)
        {
            return AddressClass.Private; // fc00::/7 unique local
        }

        if (address.IsIPv6Multicast)
        {
            return AddressClass.Multicast;
        }

        return AddressClass.Public;
    }

    public static bool IsAllowed(IPAddress address, bool allowLoopback, bool allowPrivate) => Classify(address) switch
    {
        AddressClass.Public => true,
        AddressClass.Loopback => allowLoopback,
        AddressClass.Private => allowPrivate,
        _ => false,
    };
}
