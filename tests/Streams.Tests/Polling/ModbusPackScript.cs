using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;

namespace Streams.Tests.Polling;

/// <summary>
/// EG4-LL packs behind a <see cref="ScriptedPort"/>: per address, how long each status read takes to be
/// answered (null = no answer; the last entry repeats). Identity reads (105..127) are answered at once;
/// any other read gets exception 2.
/// </summary>
internal sealed class ModbusPackScript
{
    private readonly Dictionary<byte, IReadOnlyList<TimeSpan?>> _delays = [];
    private readonly Dictionary<byte, int> _statusReads = [];

    public Func<byte, ushort[]> StatusRegisters { get; set; } = _ => Eg4LlRegisterEncoder.EncodeStatus(SamplePacks.Status());

    public ModbusPackScript Pack(byte address, params TimeSpan?[] delays)
    {
        _delays[address] = delays.Length == 0 ? [TimeSpan.Zero] : delays;
        return this;
    }

    /// <summary>Parses <c>1=100ms 2=dead 3=1500ms,100ms</c> (marble <c>@replies</c>).</summary>
    public static ModbusPackScript Parse(string text, Func<string, TimeSpan> duration)
    {
        var script = new ModbusPackScript();
        foreach (var entry in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (address, delays) = (entry[..entry.IndexOf('=')], entry[(entry.IndexOf('=') + 1)..]);
            script.Pack(
                byte.Parse(address, System.Globalization.CultureInfo.InvariantCulture),
                [.. delays.Split(',').Select(d => d == "dead" ? (TimeSpan?)null : duration(d))]);
        }

        return script;
    }

    public IEnumerable<ScriptedReply> Respond(byte[] request)
    {
        if (!ModbusFrame.Parse(request).TryGetValue(out var query, out _) || query.Kind != ModbusFrameKind.Query
            || !_delays.TryGetValue(query.Address, out var delays))
        {
            yield break;
        }

        if (query.StartRegister == 0)
        {
            var reads = _statusReads.GetValueOrDefault(query.Address);
            _statusReads[query.Address] = reads + 1;
            if (delays[Math.Min(reads, delays.Count - 1)] is { } delay)
            {
                var registers = StatusRegisters(query.Address);
                var count = query.RegisterCount;
                var padded = registers.Length >= count ? registers[..count] : [.. registers, .. new ushort[count - registers.Length]];
                yield return new ScriptedReply(delay, ModbusResponses.Registers(query.Address, padded));
            }
        }
        else if (query.StartRegister == Eg4LlRegisterMap.IdentityStart && delays[^1] is not null)
        {
            yield return new ScriptedReply(TimeSpan.Zero, ModbusResponses.Registers(query.Address, Eg4LlRegisterEncoder.EncodeIdentity(SamplePacks.Identity)));
        }
        else if (delays[^1] is not null)
        {
            yield return new ScriptedReply(TimeSpan.Zero, ModbusResponses.Exception(query.Address, 2, 0x03));
        }
    }
}
