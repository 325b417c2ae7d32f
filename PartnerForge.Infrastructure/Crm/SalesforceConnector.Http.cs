using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerForge.Infrastructure.Crm;

public sealed partial class SalesforceConnector
{
    private async Task<JsonNode> SendJsonAsync(CrmSession session, Func<string, HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(session, make, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = Error(text);
            throw new HttpRequestException($"Salesforce answered {(int)response.StatusCode} {code}: {message}", null, response.StatusCode);
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }

    /// <summary>
    /// Sends with the session's token to the org's API address (<paramref name="make"/> gets the instance URL). Stops
    /// before a call when the org's remaining daily calls are down to the reserve; a 401 renews the token once and sends
    /// again; a 503 waits and sends again; a 403 REQUEST_LIMIT_EXCEEDED stops the sync.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(CrmSession session, Func<string, HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        var token = await session.AccessTokenAsync(cancellationToken);
        var (renewed, busy) = (false, 0);
        while (true)
        {
            EnsureAllowance(session);
            var instance = session.InstanceUrl?.TrimEnd('/')
                           ?? throw new CrmReconnectRequiredException("This Salesforce connection has no org address; connect it again.");
            using var request = make(instance);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            session.CountCall();
            var response = await http.SendAsync(request, cancellationToken);
            ReadLimit(session, response);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
            {
                response.Dispose();
                renewed = true;
                token = await session.RenewAsync(token, cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && ++busy <= Sf.MaxBusyRetries)
            {
                response.Dispose();
                await session.WaitAsync(Sf.RateLimitBackoff * busy, cancellationToken);
                continue;
            }

            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.ServiceUnavailable)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (Error(text).Code == "REQUEST_LIMIT_EXCEEDED")
                {
                    response.Dispose();
                    throw new CrmApiLimitException(LimitMessage(session, refused: true));
                }

                response.Content = new StringContent(text);
            }

            return response;
        }
    }

    private void EnsureAllowance(CrmSession session)
    {
        if (session.ApiLimit is { } limit && session.ApiUsage is { } used && limit - used <= Sf.MinRemainingApiCalls)
        {
            throw new CrmApiLimitException(LimitMessage(session, refused: false));
        }
    }

    private string LimitMessage(CrmSession session, bool refused)
    {
        var usage = session.ApiLimit is { } limit && session.ApiUsage is { } used
            ? string.Create(CultureInfo.InvariantCulture, $"{used:N0} of {limit:N0} calls")
            : "its calls";
        return refused
            ? $"Salesforce refused more API calls today: the org's daily API limit is used up ({usage}). The sync stopped; it can go on once the limit resets."
            : string.Create(CultureInfo.InvariantCulture,
                $"Salesforce's daily API limit is nearly used up: {usage} used today. The sync stopped to leave {Sf.MinRemainingApiCalls:N0} calls for the org's other tools; it can go on once the limit resets.");
    }

    /// <summary>Reads <c>Sforce-Limit-Info: api-usage=1234/15000</c> into the session.</summary>
    private static void ReadLimit(CrmSession session, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Sforce-Limit-Info", out var values))
        {
            return;
        }

        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase) && part[10..].Split('/') is [var u, var l]
                && int.TryParse(u, CultureInfo.InvariantCulture, out var used) && int.TryParse(l, CultureInfo.InvariantCulture, out var limit))
            {
                session.ApiLimitSeen(used, limit);
            }
        }
    }

    /// <summary>Salesforce's error body: <c>[{"message": "...", "errorCode": "..."}]</c>.</summary>
    private static (string? Code, string Message) Error(string text)
    {
        try
        {
            var first = JsonNode.Parse(text) is JsonArray { Count: > 0 } array ? array[0] : null;
            if (first is not null)
            {
                return (first["errorCode"]?.GetValue<string>(), first["message"]?.GetValue<string>() ?? string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return (null, text[..Math.Min(text.Length, 300)]);
    }
}
