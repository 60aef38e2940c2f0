using System.Text;
using System.Text.Json;
using Serilog;

namespace Streams.Derived;

/// <summary>
/// The meters' state on disk: one small JSON file per meter, <c>energy-NAME.json</c> in the state
/// directory, so a damaged file costs that one pack its totals and no other.
/// </summary>
/// <remarks>
/// Never throws for the disk's sake. A missing file (the first start) is one information line and
/// zero; a corrupt or unreadable one is one warning line naming the file, and zero for that meter.
/// A directory that cannot be written is one warning line until a write succeeds again (one
/// information line then); until then the meters keep counting in memory and retry every save.
/// </remarks>
internal sealed class MeterStateFiles(string directory, ILogger log) : IMeterStore
{
    private const string Prefix = "energy-";
    private const string Extension = ".json";

    private readonly Lock _gate = new();
    private bool _failing;

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The file of <paramref name="meter"/>: its name with every character outside <c>[A-Za-z0-9_-]</c> as <c>%XX</c> (UTF-8), so two names never share a file.</summary>
    public string FileOf(string meter) => Path.Combine(Directory, Prefix + Escape(meter) + Extension);

    public MeterTotals Load(string meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var file = FileOf(meter);
        try
        {
            if (!File.Exists(file))
            {
                log.Information("energy meter {Meter}: no state file {File} yet, counting from zero", meter, file);
                return MeterTotals.Zero;
            }

            var document = JsonSerializer.Deserialize(File.ReadAllBytes(file), MeterStateJsonContext.Default.MeterStateDocument);
            var problem = document switch
            {
                null => "it holds null",
                { Version: not MeterStateDocument.CurrentVersion } => $"version {document.Version}, expected {MeterStateDocument.CurrentVersion}",
                { Totals.IsValid: false } => "a total is negative or not a number",
                _ => null,
            };
            if (problem is null)
            {
                return document!.Totals;
            }

            return Unbelievable(meter, file, problem);
        }
        catch (JsonException e)
        {
            return Unbelievable(meter, file, OneLine(e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unbelievable(meter, file, OneLine(e.Message));
        }
    }

    public bool Save(string meter, MeterTotals totals, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var content = JsonSerializer.SerializeToUtf8Bytes(MeterStateDocument.Of(meter, totals, at), MeterStateJsonContext.Default.MeterStateDocument);
        lock (_gate)
        {
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                AtomicFile.Write(FileOf(meter), content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!_failing)
                {
                    _failing = true;
                    log.Warning("energy meters: cannot write state to {Directory} ({Reason}); counting on in memory, totals since the last save are lost on restart", Directory, OneLine(e.Message));
                }

                return false;
            }

            if (_failing)
            {
                _failing = false;
                log.Information("energy meters: writing state to {Directory} again", Directory);
            }

            return true;
        }
    }

    private MeterTotals Unbelievable(string meter, string file, string problem)
    {
        log.Warning("energy meter {Meter}: state file {File} is unreadable ({Problem}), counting from zero", meter, file, problem);
        return MeterTotals.Zero;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private static string Escape(string name)
    {
        var escaped = new StringBuilder(name.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
