using PartnerForge.Infrastructure;
using PartnerForge.Web;
using PartnerForge.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Serve package assets (MudBlazor's CSS and JS) from the build output when not published; a no-op after publish.
builder.WebHost.UseStaticWebAssets();
builder.AddPartnerForgeLogging();
builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddPartnerForgeWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UsePartnerForge();
return await app.RunPartnerForgeAsync();

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
