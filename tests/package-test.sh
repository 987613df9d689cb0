#!/usr/bin/env bash
# Packs AsyncAnalyzers and uses it the way a user does: restore from the local package folder, build, Strict mode,
# None mode, and `dotnet format analyzers` applying a fix. Run by .ci/run; safe to run by hand.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version="0.1.0-ci.$(date +%s)"
work="$root/artifacts/package-test"
rm -rf "$work" "$work-validcode" "$work-baseline" "$root"/artifacts/packages/*.nupkg
mkdir -p "$work"

fail() { echo "PACKAGE TEST FAILED: $*" >&2; exit 1; }

dotnet pack src/AsyncAnalyzers.Package -c Release -p:Version="$version" -nologo -v:q
nupkg="$root/artifacts/packages/AsyncAnalyzers.$version.nupkg"
[ -f "$nupkg" ] || fail "no package at $nupkg"

# unzip is not on every fresh machine; fall back to python3's zipfile, then to installing unzip (CI runs as root).
if ! command -v unzip >/dev/null 2>&1; then
  if command -v python3 >/dev/null 2>&1; then
    unzip() { if [ "$1" = "-l" ]; then python3 -c 'import sys,zipfile; [print("  0  2000-01-01 00:00   "+n) for n in zipfile.ZipFile(sys.argv[1]).namelist()]' "$2"; else python3 -c 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[2]).read(sys.argv[3]).decode())' "$@"; fi; }
  else
    apt-get update -qq && apt-get install -y -qq unzip >/dev/null || fail "unzip is needed to inspect the package"
  fi
fi
listing="$(unzip -l "$nupkg")"
for f in analyzers/dotnet/cs/AsyncAnalyzers.dll analyzers/dotnet/cs/AsyncAnalyzers.CodeFixes.dll build/AsyncAnalyzers.targets \
         build/AsyncAnalyzers.Strict.globalconfig build/AsyncAnalyzers.None.globalconfig README.md; do
  grep -q " $f\$" <<<"$listing" || fail "package lacks $f"
done
if grep -q " lib/" <<<"$listing"; then fail "package has files under lib/"; fi
nuspec="$(unzip -p "$nupkg" AsyncAnalyzers.nuspec)"
grep -q "<developmentDependency>true</developmentDependency>" <<<"$nuspec" || fail "developmentDependency is not true"
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "no license expression"
grep -q "<dependencies" <<<"$nuspec" && fail "package declares dependencies"
echo "package layout: ok ($nupkg)"

# The consumer lives under the repository so nuget.config (which adds artifacts/packages) applies; its own
# Directory.Build.props and Directory.Packages.props keep the repository's settings away from it.
cp -r tests/PackageConsumer/. "$work/"
packages="$work/.nuget-packages"
build() { dotnet build "$work/Consumer.csproj" -nologo -p:AsyncAnalyzersVersion="$version" --packages "$packages" "$@" 2>&1; }

set +e
out="$(build)"; code=$?
set -e
[ $code -eq 0 ] || { echo "$out"; fail "default build failed"; }
grep -q "warning ASYNC101" <<<"$out" || { echo "$out"; fail "default build did not warn ASYNC101"; }
grep -q "warning ASYNC102" <<<"$out" || { echo "$out"; fail "default build did not warn ASYNC102"; }
gathered="Service.cs($(grep -n '// gathered' "$work/Service.cs" | cut -d: -f1),"
if grep -F "$gathered" <<<"$out" | grep -q "ASYNC101"; then echo "$out"; fail "ASYNC101 reported a result read after Task.WhenAll(params ReadOnlySpan) awaited it"; fi
echo "default mode: ok (ASYNC101 and ASYNC102 warnings; none after a params-span WhenAll)"

# The ValidCode corpus must be silent with the real compiler too: the SDK's C# (14) binds some calls differently from the
# Roslyn 4.8 the unit tests run (params collections), so a rule can be right there and wrong here.
validcode="$work-validcode"
mkdir -p "$validcode"
cp tests/PackageConsumer/Consumer.csproj "$validcode/ValidCode.csproj"
cp tests/PackageConsumer/Directory.*.props "$validcode/"
cp tests/AsyncAnalyzers.Tests/ValidCode/*.cs "$validcode/"
set +e
# Strict mode makes every rule an error, so the suggestion rules run too (a build skips analyzers that report only info).
out="$(dotnet build "$validcode/ValidCode.csproj" -nologo -p:AsyncAnalyzersVersion="$version" -p:AsyncAnalyzersMode=Strict --packages "$packages" 2>&1)"; code=$?
set -e
if grep -q "ASYNC[0-9]" <<<"$out"; then grep "ASYNC[0-9]" <<<"$out" | sort -u; fail "ASYNC diagnostics on the ValidCode corpus with the SDK's compiler"; fi
[ $code -eq 0 ] || { echo "$out"; fail "the ValidCode corpus does not build with the SDK's compiler"; }
echo "ValidCode corpus with the SDK's compiler, Strict mode: ok (no ASYNC diagnostics)"

set +e
out="$(build --no-incremental -p:AsyncAnalyzersMode=Strict)"; code=$?
set -e
[ $code -ne 0 ] || { echo "$out"; fail "Strict build succeeded"; }
grep -q "error ASYNC101" <<<"$out" || { echo "$out"; fail "Strict build did not report ASYNC101 as an error"; }
echo "strict mode: ok (build failed with error ASYNC101)"

set +e
out="$(build --no-incremental -p:AsyncAnalyzersMode=None)"; code=$?
set -e
[ $code -eq 0 ] || { echo "$out"; fail "None build failed"; }
if grep -q "ASYNC10" <<<"$out"; then echo "$out"; fail "None mode still reports"; fi
echo "none mode: ok (no diagnostics)"

set +e
out="$(build --no-incremental -p:AsyncAnalyzersMode=Strcit)"; code=$?
set -e
grep -q "warning ASYNCMODE" <<<"$out" || { echo "$out"; fail "a misspelt mode was silently ignored"; }
echo "misspelt mode: ok (warning ASYNCMODE)"

# The baseline (docs/baseline.md): record three findings, gate a Strict build on new mistakes only, survive moves and edits,
# report a fixed finding's stale entry and a corrupted line.
legacy="$work-baseline"
rm -rf "$legacy"; mkdir -p "$legacy"
cp tests/PackageConsumer/Consumer.csproj tests/PackageConsumer/Directory.*.props tests/PackageConsumer/.editorconfig "$legacy/"
cp tests/PackageConsumer.Baseline/Legacy.cs "$legacy/"
lbuild() { dotnet build "$legacy/Consumer.csproj" -nologo -p:AsyncAnalyzersVersion="$version" --packages "$packages" "$@" 2>&1; }
diagnostics() { grep -oE '[^ /]+\([0-9]+,[0-9]+\): (error|warning) ASYNC[0-9]{3}' <<<"$1" | sort -u; }
set +e
out="$(lbuild)"; code=$?
set -e
[ $code -eq 0 ] && [ "$(diagnostics "$out" | grep -c ASYNC10)" -eq 3 ] || { echo "$out"; fail "the legacy project does not have its three findings"; }
set +e
out="$(lbuild -p:AsyncAnalyzersBaseline=update -p:AsyncAnalyzersMode=Strict)"; code=$?
set -e
baseline="$legacy/.asyncanalyzers-baseline"
[ $code -eq 0 ] && [ -f "$baseline" ] || { echo "$out"; fail "the update did not write the baseline"; }
[ "$(grep -vc '^#' "$baseline")" -eq 3 ] || { cat "$baseline"; fail "the baseline does not hold the three findings"; }
grep -q '^Legacy.cs | Consumer.Legacy.LoadAsync(Task<int>) | ASYNC101 | [0-9a-f]\{16\}$' "$baseline" || { cat "$baseline"; fail "unexpected baseline entry format"; }
[ "$(grep -v '^#' "$baseline")" = "$(grep -v '^#' "$baseline" | LC_ALL=C sort)" ] || { cat "$baseline"; fail "the baseline is not sorted"; }
strict() { set +e; out="$(lbuild -p:AsyncAnalyzersMode=Strict)"; code=$?; set -e; }
strict
[ $code -eq 0 ] && [ -z "$(diagnostics "$out")" ] || { echo "$out"; fail "Strict build with the baseline failed"; }
echo "baseline: update recorded 3 findings; Strict build passes"

# Ten lines down, and another method edited: the entries still match.
sed -i 's#^namespace Consumer;#namespace Consumer;\n\n// moved\n// moved\n// moved\n// moved\n// moved\n// moved\n// moved\n// moved\n//#' "$legacy/Legacy.cs"
sed -i 's#return x + 1;#var doubled = x * 2;\n        return doubled + 1;#' "$legacy/Legacy.cs"
strict
[ $code -eq 0 ] && [ -z "$(diagnostics "$out")" ] || { echo "$out"; fail "Strict build failed after moving the code and editing another method"; }
echo "baseline: code moved down ten lines and another method edited; Strict build passes"

# A new mistake fails the build with exactly that one finding.
cp "$legacy/Legacy.cs" "$legacy/Legacy.cs.bak"
sed -i 's#^    public static int Compute#    public static async Task RetryAsync()\n    {\n        await Task.Yield();\n        Thread.Sleep(50);\n    }\n\n    public static int Compute#' "$legacy/Legacy.cs"
strict
new_line="$(grep -n 'Thread.Sleep(50)' "$legacy/Legacy.cs" | cut -d: -f1)"
[ $code -ne 0 ] && [ "$(diagnostics "$out")" = "Legacy.cs($new_line,9): error ASYNC102" ] || { echo "$out"; fail "a new mistake did not fail the Strict build with exactly its one finding"; }
echo "baseline: a new mistake fails the Strict build with exactly one finding (ASYNC102)"
mv "$legacy/Legacy.cs.bak" "$legacy/Legacy.cs"

# Fixing a baselined finding reports its stale entry, on its line of the baseline.
sed -i 's#return pending.Result;#return await pending;#' "$legacy/Legacy.cs"
strict
stale_line="$(grep -n 'ASYNC101' "$baseline" | head -1 | cut -d: -f1)"
[ $code -ne 0 ] && [ "$(diagnostics "$out")" = ".asyncanalyzers-baseline($stale_line,1): error ASYNC902" ] || { echo "$out"; fail "fixing a baselined finding did not report exactly its stale entry"; }
set +e; out="$(lbuild -p:AsyncAnalyzersBaseline=update)"; code=$?; set -e
[ $code -eq 0 ] && [ "$(grep -vc '^#' "$baseline")" -eq 2 ] || { echo "$out"; cat "$baseline"; fail "the update did not drop the stale entry"; }
strict
[ $code -eq 0 ] || { echo "$out"; fail "Strict build failed after the update dropped the stale entry"; }
echo "baseline: a fixed finding reports its stale entry (ASYNC902); the update drops it"

# A corrupted line is reported with its line number and reason, and the other entries still apply.
bad_line="$(grep -n 'ASYNC102' "$baseline" | head -1 | cut -d: -f1)"
sed -i "${bad_line}s/ASYNC102 | [0-9a-f]*/ASYNC102 | 2f36b0/" "$baseline"
set +e; out="$(lbuild)"; code=$?; set -e
[ $code -eq 0 ] && grep -q "\.asyncanalyzers-baseline($bad_line,1): warning ASYNC903: Line $bad_line of the AsyncAnalyzers baseline cannot be read: '2f36b0' is not a fingerprint" <<<"$out" \
  && [ "$(diagnostics "$out" | sort -u | grep -oE 'ASYNC[0-9]+' | sort | tr '\n' ' ')" = "ASYNC102 ASYNC903 " ] \
  || { echo "$out"; fail "a corrupted baseline line was not reported clearly (or the other entries stopped applying)"; }
echo "baseline: a corrupted line gives ASYNC903 naming the line; its finding is reported, the other entries still apply"

dotnet format analyzers "$work/Consumer.csproj" --diagnostics ASYNC102 --severity warn --no-restore -v:q || fail "dotnet format failed"
grep -q "await Task.Delay(100, cancellationToken);" "$work/Service.cs" || { cat "$work/Service.cs"; fail "dotnet format did not apply the ASYNC102 fix"; }
grep -q "Thread.Sleep" "$work/Service.cs" && fail "Thread.Sleep still present after dotnet format"
echo "dotnet format analyzers: ok (ASYNC102 fixed)"
echo "package test: all checks passed"
