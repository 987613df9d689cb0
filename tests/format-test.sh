#!/usr/bin/env bash
# `dotnet format analyzers --diagnostics <ID> --severity info`, the way users apply the fixes in a script or CI job, once per
# rule with a code fix, on a copy of samples/ and of the fix-safety corpus (tests/AsyncAnalyzers.Tests/PositiveCode) that
# consumes the packed package. For each rule it asserts:
#   - the copy still builds with the SDK's compiler;
#   - a second pass changes nothing;
#   - no finding of the rule remains for which a fix is offered (checked in-process by FormattedCopiesTests, which also
#     recompiles the copy and reports how many findings the pass fixed).
# Packs the package first; with --reuse-package (as .ci/run passes, right after tests/package-test.sh) it uses the one .nupkg
# that test left in artifacts/packages and shares its package folder. Needs the test project built (dotnet build or test).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

fail() { echo "FORMAT TEST FAILED: $*" >&2; exit 1; }

shopt -s nullglob
nupkgs=("$root"/artifacts/packages/AsyncAnalyzers.*.nupkg)
shopt -u nullglob
if [ "${1:-}" = "--reuse-package" ] && [ "${#nupkgs[@]}" -eq 1 ]; then
  version="$(basename "${nupkgs[0]}" .nupkg)"; version="${version#AsyncAnalyzers.}"
else
  version="0.1.0-format.$(date +%s)"
  rm -f "$root"/artifacts/packages/*.nupkg
  dotnet pack src/AsyncAnalyzers.Package -c Release -p:Version="$version" -nologo -v:q
fi
packages="$root/artifacts/package-test/.nuget-packages"
work="$root/artifacts/format-test"
base="$work/corpora"
results="$work/results"
rm -rf "$work"
mkdir -p "$base/Samples" "$base/PositiveCode" "$results"

# Two projects of one solution, each a user's project consuming the package; the consumer's props and root .editorconfig keep
# the repository's settings away.
cp tests/PackageConsumer/Directory.Build.props tests/PackageConsumer/Directory.Packages.props tests/PackageConsumer/.editorconfig "$base/"
(cd samples/AsyncAnalyzers.Samples && find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' -exec cp --parents {} "$base/Samples/" \;)
cp samples/AsyncAnalyzers.Samples/.editorconfig "$base/Samples/"
cp tests/AsyncAnalyzers.Tests/PositiveCode/*.cs "$base/PositiveCode/"
# dotnet format takes no MSBuild properties, so the package version is written into the projects.
for project in Samples PositiveCode; do
  sed -e 's#\$(AsyncAnalyzersVersion)#'"$version"'#' -e 's#<OutputType>Library</OutputType>#<OutputType>Library</OutputType>\n    <AssemblyName>Format'"$project"'</AssemblyName>#' \
    tests/PackageConsumer/Consumer.csproj > "$base/$project/$project.csproj"
done
cat > "$base/Corpora.sln" <<'EOF'
Microsoft Visual Studio Solution File, Format Version 12.00
Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "Samples", "Samples\Samples.csproj", "{0D1D2B5E-0000-4000-8000-000000000001}"
EndProject
Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "PositiveCode", "PositiveCode\PositiveCode.csproj", "{0D1D2B5E-0000-4000-8000-000000000002}"
EndProject
Global
	GlobalSection(SolutionConfigurationPlatforms) = preSolution
		Debug|Any CPU = Debug|Any CPU
	EndGlobalSection
	GlobalSection(ProjectConfigurationPlatforms) = postSolution
		{0D1D2B5E-0000-4000-8000-000000000001}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
		{0D1D2B5E-0000-4000-8000-000000000001}.Debug|Any CPU.Build.0 = Debug|Any CPU
		{0D1D2B5E-0000-4000-8000-000000000002}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
		{0D1D2B5E-0000-4000-8000-000000000002}.Debug|Any CPU.Build.0 = Debug|Any CPU
	EndGlobalSection
EndGlobal
EOF
dotnet restore "$base/Corpora.sln" --packages "$packages" -v:q >/dev/null || fail "restore of the corpora failed"
pristine="$work/pristine"
mkdir -p "$pristine"
cp -r "$base/Samples" "$base/PositiveCode" "$pristine/"
rm -rf "$pristine"/*/obj "$pristine"/*/bin

snapshot() { (cd "$base" && find Samples PositiveCode -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sort | xargs sha256sum); }
format() { dotnet format analyzers "$base/Corpora.sln" --diagnostics "$1" --severity info --no-restore -v:q; }

ids="$(grep -l '| Code fix | Yes |' docs/rules/ASYNC*.md | xargs -n1 basename | sed 's/\.md$//' | sort)"
[ -n "$ids" ] || fail "no rule page says it has a code fix"
for id in $ids; do
  start=$SECONDS
  # Every rule starts from the pristine corpora.
  for project in Samples PositiveCode; do
    find "$base/$project" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -delete
    cp -r "$pristine/$project/." "$base/$project/"
  done
  before="$(snapshot)"
  format "$id" || fail "$id: dotnet format failed"
  after="$(snapshot)"
  [ "$before" != "$after" ] || fail "$id: the first pass changed nothing (the corpora have findings of every fixable rule)"
  changed="$(diff <(echo "$before") <(echo "$after") | grep -c '^>' || true)"
  format "$id" || fail "$id: dotnet format failed on the second pass"
  if [ "$(snapshot)" != "$after" ]; then
    (cd "$base" && diff <(echo "$after") <(snapshot) || true)
    fail "$id: a second pass changed the files above: the first pass left fixable findings"
  fi
  set +e
  out="$(dotnet build "$base/Corpora.sln" --no-restore -nologo 2>&1)"; code=$?
  set -e
  [ $code -eq 0 ] || { grep -E 'error' <<<"$out" | sort -u | head -40; fail "$id: the copy does not build after dotnet format"; }
  mkdir -p "$results/$id"
  cp -r "$base/Samples" "$base/PositiveCode" "$results/$id/"
  rm -rf "$results/$id"/*/obj "$results/$id"/*/bin
  echo "$id: one pass changed $changed file(s); builds; second pass changes nothing ($((SECONDS - start))s)"
done

# What is left of each rule must have no fix on offer (and the copies compile with the repository's Roslyn too).
set +e
ASYNCANALYZERS_FORMATTED_COPIES="$results" ASYNCANALYZERS_FORMATTED_PRISTINE="$pristine" \
  dotnet test tests/AsyncAnalyzers.Tests --no-build --filter "FullyQualifiedName~FormattedCopiesTests" --logger "console;verbosity=detailed" >"$work/check.log" 2>&1
code=$?
set -e
grep -E '^ *ASYNC[0-9]{3}: ' "$work/check.log" | sed 's/^ *//' | sort -u
[ $code -eq 0 ] || { cat "$work/check.log"; fail "findings with a fix on offer remain, or a copy does not compile (FormattedCopiesTests)"; }
grep -q 'Passed AsyncAnalyzers.Tests.FixSafety.FormattedCopiesTests' "$work/check.log" || { cat "$work/check.log"; fail "FormattedCopiesTests did not run"; }
echo "format test: all checks passed"
