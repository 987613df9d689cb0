// Compiled by MSBuild's RoslynCodeTaskFactory during `dotnet build -p:AsyncAnalyzersBaseline=update` only (AsyncAnalyzers.targets).
// Reads the error log the compiler wrote for the recording build and writes the baseline: every finding that carries the
// AsyncAnalyzers.BaselineEntry property and is not suppressed in source (#pragma, [SuppressMessage]), counted per key, sorted.
// The line format and header are those of src/AsyncAnalyzers/Baseline/BaselineFile.cs, which reads the file back.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class AsyncAnalyzersWriteBaseline : Task
{
    private const string EntryProperty = "AsyncAnalyzers.BaselineEntry";

    private const string Header =
        "# AsyncAnalyzers baseline: findings accepted when the package was adopted (docs/baseline.md). Each line is\n"
        + "# file | member | rule | fingerprint [| count]. Regenerate with: dotnet build -p:AsyncAnalyzersBaseline=update";

    [Required]
    public string SarifFile { get; set; } = "";

    [Required]
    public string BaselineFile { get; set; } = "";

    public override bool Execute()
    {
        object? log;
        try
        {
            log = new Json(File.ReadAllText(SarifFile)).Parse();
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            Log.LogError(null, "ASYNCBASELINE", null, SarifFile, 0, 0, 0, 0, "Cannot read the compiler's error log to record the AsyncAnalyzers baseline: {0}", e.Message);
            return false;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in Array(Get(log, "runs")))
        {
            foreach (var result in Array(Get(run, "results")))
            {
                if (Get(Get(Get(result, "properties"), "customProperties"), EntryProperty) is string key && !SuppressedInSource(result))
                {
                    counts[key] = counts.TryGetValue(key, out var count) ? count + 1 : 1;
                }
            }
        }

        var lines = counts
            .Select(c => c.Value > 1 ? c.Key + " | " + c.Value.ToString(CultureInfo.InvariantCulture) : c.Key)
            .OrderBy(l => l, StringComparer.Ordinal);
        var text = Header + "\n" + string.Concat(lines.Select(l => l + "\n"));
        if (!File.Exists(BaselineFile) || File.ReadAllText(BaselineFile) != text)
        {
            File.WriteAllText(BaselineFile, text, new UTF8Encoding(false));
        }

        Log.LogMessage(MessageImportance.High, "AsyncAnalyzers baseline: {0} finding(s) in {1} entr{2} written to {3}", counts.Values.Sum(), counts.Count, counts.Count == 1 ? "y" : "ies", BaselineFile);
        return true;
    }

    /// <summary>Suppressed by the code itself; the recording build's own suppression (…BaselineUpdate) does not count.</summary>
    private static bool SuppressedInSource(object? result)
    {
        var suppressions = Array(Get(result, "suppressions"));
        return suppressions.Count > 0
            && !suppressions.Any(s => Get(Get(s, "properties"), "suppressionType") is string type && type.Contains(".BaselineUpdate"));
    }

    private static object? Get(object? node, string name) =>
        node is Dictionary<string, object?> map && map.TryGetValue(name, out var value) ? value : null;

    private static List<object?> Array(object? node) => node as List<object?> ?? new List<object?>();

    /// <summary>Just enough JSON for a SARIF log: objects, arrays, strings, and the other literals skipped over.</summary>
    private sealed class Json
    {
        private readonly string _text;
        private int _at;

        public Json(string text) => _text = text;

        public object? Parse()
        {
            var value = Value();
            Skip();
            if (_at != _text.Length)
            {
                throw new FormatException("unexpected text at offset " + _at);
            }

            return value;
        }

        private object? Value()
        {
            Skip();
            if (_at >= _text.Length)
            {
                throw new FormatException("unexpected end");
            }

            switch (_text[_at])
            {
                case '{':
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    _at++;
                    Skip();
                    if (Peek('}'))
                    {
                        return map;
                    }

                    do
                    {
                        Skip();
                        var name = String();
                        Skip();
                        Expect(':');
                        map[name] = Value();
                        Skip();
                    }
                    while (Peek(','));
                    Expect('}');
                    return map;
                case '[':
                    var list = new List<object?>();
                    _at++;
                    Skip();
                    if (Peek(']'))
                    {
                        return list;
                    }

                    do
                    {
                        list.Add(Value());
                        Skip();
                    }
                    while (Peek(','));
                    Expect(']');
                    return list;
                case '"':
                    return String();
                default:
                    var start = _at;
                    while (_at < _text.Length && "{}[],: \t\r\n\"".IndexOf(_text[_at]) < 0)
                    {
                        _at++;
                    }

                    if (_at == start)
                    {
                        throw new FormatException("unexpected '" + _text[_at] + "' at offset " + _at);
                    }

                    return _text.Substring(start, _at - start);
            }
        }

        private string String()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (true)
            {
                if (_at >= _text.Length)
                {
                    throw new FormatException("unterminated string");
                }

                var c = _text[_at++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var e = _text[_at++];
                switch (e)
                {
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        builder.Append((char)int.Parse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _at += 4;
                        break;
                    default: builder.Append(e); break;
                }
            }
        }

        private void Skip()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
        }

        private bool Peek(char c)
        {
            if (_at < _text.Length && _text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                throw new FormatException("expected '" + c + "' at offset " + _at);
            }
        }
    }
}
