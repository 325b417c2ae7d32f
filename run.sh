#!/usr/bin/env bash
# Runs PartnerForge with the embedded SQLite database and the demo workspace.
#   ./run.sh                 -> http://127.0.0.1:5080
#   PARTNERFORGE_URL=http://0.0.0.0:8080 ./run.sh
# Needs the .NET 10 SDK; NuGet packages are restored on the first run. Data: PartnerForge.Web/App_Data/.
set -euo pipefail
cd "$(dirname "$0")"

url="${PARTNERFORGE_URL:-http://127.0.0.1:5080}"
command -v dotnet >/dev/null || { echo "PartnerForge needs the .NET 10 SDK (dotnet) on PATH." >&2; exit 1; }
# The local tools of .config/dotnet-tools.json (dotnet-ef, for adding migrations); a no-op once restored.
dotnet tool restore >/dev/null

dotnet build PartnerForge.Web -c Release -nologo -v quiet
cat <<BANNER

  PartnerForge is starting at  ${url}
  Sign in as rep@northwind.test (or admin@northwind.test, manager@northwind.test, platform@partnerforge.test)
  Password for every demo user: Forge!Demo2026
  Stop with Ctrl+C.

BANNER
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}"
exec dotnet run --project PartnerForge.Web -c Release --no-build --no-launch-profile --urls "$url"
