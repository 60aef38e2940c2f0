using System.CommandLine;
using Streams.App.Hosting;
using Streams.Tools;

namespace Streams.App.Cli;

/// <summary>
/// <c>streams simulate</c>: serves simulated packs on a new pseudo-terminal until stopped, so a
/// setup (or a test, or another Modbus tool) can be checked against real protocol bytes without
/// hardware.
/// </summary>
internal static class SimulateCommand
{
    private const int MinAddress = 1;
    private const int MaxAddress = 247;
    private const int DefaultCells = 16;

    public static void AddTo(RootCommand root, ShutdownSignal shutdown)
    {
        var names = SimulateTool.DeviceNames;
        var device = new Option<string>("--device")
        {
            Description = $"The device to imitate: {string.Join(", ", names)}.",
            Required = true,
            HelpName = "KIND",
        };
        device.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !names.Contains(value))
            {
                result.AddError($"--device '{value}' is unknown; use one of {string.Join(", ", names)}");
            }
        });
        var addresses = new Option<int[]>("--address")
        {
            Description = $"Bus address of one simulated pack ({MinAddress}..{MaxAddress}); repeat for several packs on one line. A jbd has exactly one.",
            Required = true,
            HelpName = "N",
        };
        var link = new Option<string?>("--link")
        {
            Description = "Also create a symlink at PATH pointing at the pty (replaces an existing symlink, never a file).",
            HelpName = "PATH",
        };
        var cells = new Option<int>("--cells")
        {
            Description = "Cells per simulated pack, 1..32 (EG4 packs hold at most 16).",
            DefaultValueFactory = _ => DefaultCells,
            HelpName = "N",
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed of the simulated values; the same seed gives the same drift and serial numbers (default: a new one per start).",
            HelpName = "N",
        };

        addresses.Validators.Add(result =>
        {
            var values = result.GetValueOrDefault<int[]>() ?? [];
            var outOfRange = values.FirstOrDefault(a => a is < MinAddress or > MaxAddress, -1);
            if (outOfRange != -1)
            {
                result.AddError($"--address {outOfRange} is out of range; use {MinAddress}..{MaxAddress}");
            }
            else if (values.Distinct().Count() != values.Length)
            {
                result.AddError("--address lists the same address twice");
            }
        });
        cells.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > SimulateTool.MaxCells)
            {
                result.AddError($"--cells {value} is out of range; use 1..{SimulateTool.MaxCells}");
            }
        });

        var command = new Command(
            "simulate",
            "Serve simulated battery packs on a new pseudo-terminal until Ctrl-C or SIGTERM. For checking a setup "
            + "(point a configuration, mbpoll or another Modbus master at the printed path) and for tests. "
            + "Prints 'pty: /dev/pts/N' (and 'link: PATH') on stdout, then answers requests with real protocol "
            + "bytes and slowly drifting values.")
        {
            device,
            addresses,
            link,
            cells,
            seed,
        };
        command.SetAction(async (result, _) =>
        {
            var kind = result.GetValue(device)!;
            var packAddresses = result.GetValue(addresses) ?? [];
            if (SimulateTool.IsSinglePack(kind) && packAddresses.Length != 1)
            {
                await Console.Error.WriteLineAsync($"streams: a {kind} has no bus address, so simulate exactly one (--address 1)");
                return ExitCodes.UsageError;
            }

            return await ServeAsync(kind, packAddresses, result.GetValue(link), result.GetValue(cells), result.GetValue(seed), shutdown.Listen());
        });
        root.Subcommands.Add(command);
    }

    private static async Task<int> ServeAsync(string name, int[] addresses, string? linkPath, int cells, int? seed, CancellationToken stop)
    {
        RunningSimulator host;
        try
        {
            host = SimulateTool.Start(name, addresses, cells, linkPath, seed);
        }
        catch (IOException failure)
        {
            var where = linkPath is null ? "" : $" with --link {linkPath}";
            await Console.Error.WriteLineAsync($"streams: cannot start the simulator{where}: {failure.Message}");
            return ExitCodes.UsageError;
        }

        using (host)
        {
            await Console.Out.WriteLineAsync($"pty: {host.PtyPath}");
            if (host.LinkPath is { } created)
            {
                await Console.Out.WriteLineAsync($"link: {created}");
            }

            await Console.Out.WriteLineAsync($"serving {name} at address {string.Join(", ", addresses)}; stop with Ctrl-C");
            await Console.Out.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return ExitCodes.Ok;
    }
}
