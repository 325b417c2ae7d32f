using System.Globalization;
using System.Net;
using System.Text;

namespace PartnerForge.Domain.Scoring;

/// <summary>The brief as Markdown and as a printable, self-contained HTML page; sources are numbered footnotes.</summary>
public static class BriefText
{
    public static string Markdown(StrategicBrief brief)
    {
        var sources = brief.Sources().ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Strategic brief: {brief.CompanyName}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"_Built {brief.BuiltAtUtc:yyyy-MM-dd HH:mm} UTC from cited facts._\n");
        foreach (var section in brief.Sections)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {section.Title}\n\n");
            if (section.Sentences.Count == 0)
            {
                text.Append("_No facts on record for this yet._\n");
                continue;
            }

            foreach (var sentence in section.Sentences)
            {
                var refs = string.Concat(sentence.Citations.Select(c => $"[^{sources.IndexOf(c) + 1}]"));
                text.Append(CultureInfo.InvariantCulture, $"- {sentence.Text}{refs}\n");
            }
        }

        if (brief.Contacts.Count > 0)
        {
            text.Append("\n## People you already work with here\n\n");
            foreach (var c in brief.Contacts)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {ContactLine(c)}\n");
            }
        }

        if (sources.Count > 0)
        {
            text.Append('\n');
            for (var i = 0; i < sources.Count; i++)
            {
                var s = sources[i];
                text.Append(CultureInfo.InvariantCulture, $"[^{i + 1}]: {s.Module} `{s.Path}` = {s.Value} — <{s.SourceUrl}> ({s.Method}, {s.FetchedAtUtc:yyyy-MM-dd})\n");
            }
        }

        return text.ToString();
    }

    /// <summary>"Dana Reyes, VP Operations (champion) — in Warehouse openers, opened step 1".</summary>
    public static string ContactLine(BriefContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var line = new StringBuilder(contact.Name);
        if (contact.Title is { Length: > 0 } title)
        {
            line.Append(", ").Append(title);
        }

        if (contact.Role is { Length: > 0 } role)
        {
            line.Append(" (").Append(role).Append(')');
        }

        if (contact.Outreach is { Length: > 0 } outreach)
        {
            line.Append(" — ").Append(outreach);
        }

        return line.ToString();
    }

    public static string Html(StrategicBrief brief)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sources = brief.Sources().ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Strategic brief: ")
            .Append(E(brief.CompanyName))
            .Append("</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;color:#1b1f24}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.4rem;border-bottom:1px solid #ddd}sup a{text-decoration:none}ol.sources{font-size:.8rem;color:#444;word-break:break-all}.empty{color:#777;font-style:italic}@media print{a{color:inherit}}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Strategic brief: {E(brief.CompanyName)}</h1>\n<p class=\"empty\">Built {brief.BuiltAtUtc:yyyy-MM-dd HH:mm} UTC from cited facts.</p>\n");
        foreach (var section in brief.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(section.Title)}</h2>\n");
            if (section.Sentences.Count == 0)
            {
                html.Append("<p class=\"empty\">No facts on record for this yet.</p>");
            }
            else
            {
                html.Append("<ul>");
                foreach (var sentence in section.Sentences)
                {
                    html.Append("<li>").Append(E(sentence.Text));
                    foreach (var c in sentence.Citations)
                    {
                        var n = sources.IndexOf(c) + 1;
                        html.Append(CultureInfo.InvariantCulture, $"<sup><a href=\"#s{n}\">[{n}]</a></sup>");
                    }

                    html.Append("</li>\n");
                }

                html.Append("</ul>");
            }

            html.Append("</section>\n");
        }

        if (brief.Contacts.Count > 0)
        {
            html.Append("<section><h2>People you already work with here</h2><ul>");
            foreach (var c in brief.Contacts)
            {
                html.Append("<li>").Append(E(ContactLine(c))).Append("</li>\n");
            }

            html.Append("</ul></section>\n");
        }

        if (sources.Count > 0)
        {
            html.Append("<h2>Sources</h2><ol class=\"sources\">");
            for (var i = 0; i < sources.Count; i++)
            {
                var s = sources[i];
                html.Append(CultureInfo.InvariantCulture, $"<li id=\"s{i + 1}\">{E(s.Module)} <code>{E(s.Path)}</code> = {E(s.Value)} — <a href=\"{E(s.SourceUrl)}\">{E(s.SourceUrl)}</a> ({E(s.Method)}, {s.FetchedAtUtc:yyyy-MM-dd})</li>\n");
            }

            html.Append("</ol>");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }
}
