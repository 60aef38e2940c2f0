using System.CommandLine;
using System.Globalization;
using System.Reactive.Concurrency;
using Streams.App.Hosting;
using Streams.Composition;
using Streams.Transports.Bluetooth;

namespace Streams.App.Cli;

/// <summary><c>streams scan</c>: Bluetooth LE discovery through BlueZ, listing nearby devices and marking likely BMSes.</summary>
internal static class ScanCommand
{
    public static void AddTo(RootCommand root, ShutdownSignal shutdown)
    {
        var seconds = new Option<int>("--seconds")
        {
            Description = "How long to discover, in seconds (1-300).",
            DefaultValueFactory = _ => 10,
        };
        seconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 300)
            {
                result.AddError("--seconds must be between 1 and 300");
            }
        });
        var adapter = new Option<string>("--adapter")
        {
            Description = "The BlueZ adapter to scan with.",
            DefaultValueFactory = _ => "hci0",
        };
        var command = new Command("scan", "Discover nearby Bluetooth LE devices through BlueZ; BMS-like ones (service 0xFF00, JBD/xiaoxiang/SP.. names) are marked.")
        {
            seconds,
            adapter,
        };
        command.SetAction(async (result, _) =>
        {
            var duration = TimeSpan.FromSeconds(result.GetValue(seconds));
            var adapterName = result.GetValue(adapter)!;
            IReadOnlyList<BleDeviceSighting> devices;
            try
            {
                Console.Error.WriteLine($"streams: scanning with {adapterName} for {duration.TotalSeconds:0} s ...");
                devices = await BlueZScanner.ScanAsync(adapterName, duration, DefaultScheduler.Instance, cancellationToken: shutdown.Listen());
            }
            catch (BleUnavailableException error)
            {
                Console.Error.WriteLine($"streams: scan: {error.Message}");
                return ExitCodes.UsageError;
            }
            catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
            {
                Console.Error.WriteLine("streams: scan stopped");
                return ExitCodes.Ok;
            }

            foreach (var device in devices)
            {
                Console.Out.WriteLine(Line(device));
            }

            Console.Error.WriteLine($"streams: {devices.Count} device(s), {devices.Count(BleScanMarks.IsBmsLike)} BMS-like");
            return ExitCodes.Ok;
        });
        root.Subcommands.Add(command);
    }

    private static string Line(BleDeviceSighting device)
    {
        var rssi = device.Rssi is { } dbm ? dbm.ToString(CultureInfo.InvariantCulture) + " dBm" : "? dBm";
        return $"{device.Address}  {rssi,8}  {device.Name ?? "(no name)"}{BleScanMarks.Mark(device)}";
    }
}
