using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace PartnerForge.Web.BlazorScript;

/// <summary>
/// Blazor script shim, part 2 of 2 (part 1: BlazorScript.targets).
/// DELETE this file, BlazorScript.targets, its Import and RequiresAspNetWebAssets=false once the package
/// registry serves Microsoft.AspNetCore.App.Internal.Assets (the .NET 10 home of blazor.web.js).
///
/// Until then: the .NET 9 blazor.web.js is an embedded manifest resource of the 9.0.22
/// Microsoft.AspNetCore.Components.Endpoints.dll copied to bin/blazor-script/. We read the resource bytes
/// with PEReader (the assembly is never loaded) and serve them at /_framework/blazor.web.js. The .NET 9
/// script runs .NET 10 interactive server circuits; avoid .NET-10-only JS interop APIs.
/// </summary>
internal static class BlazorScriptShim
{
    public const string ScriptPath = "/_framework/blazor.web.js";
    private const string ResourceName = "_framework/blazor.web.js";
    private const string SourceAssembly = "blazor-script/Microsoft.AspNetCore.Components.Endpoints.dll";

    public static IEndpointConventionBuilder MapBlazorScript(this IEndpointRouteBuilder endpoints)
    {
        var script = ReadScript(Path.Combine(AppContext.BaseDirectory, SourceAssembly));
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(script))[..16]}\"";
        return endpoints.MapGet(ScriptPath, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers.ETag = etag;
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                return Results.Bytes(script, "text/javascript");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    internal static byte[] ReadScript(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"The Blazor script source {assemblyPath} is missing; rebuild PartnerForge.Web (see BlazorScript.targets).", assemblyPath);
        }

        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != ResourceName)
            {
                continue;
            }

            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var reader = pe.GetSectionData(directory.RelativeVirtualAddress + checked((int)resource.Offset)).GetReader();
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }

        throw new InvalidOperationException($"{assemblyPath} has no embedded {ResourceName}.");
    }
}
