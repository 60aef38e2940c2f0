using System.CommandLine;
using System.Globalization;
using System.Reactive.Concurrency;
using Streams.App.Hosting;
using Streams.Composition;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome;

namespace Streams.App.Cli;

/// <summary>
/// <c>streams scan</c>: Bluetooth LE discovery through BlueZ, or what an ESPHome Bluetooth proxy hears
/// (<c>--esphome HOST</c>), listing the devices and marking likely BMSes.
/// </summary>
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
            Description = "The BlueZ adapter to scan with (not with --esphome).",
            DefaultValueFactory = _ => "hci0",
        };
        var proxy = new ProxyScanOptions();
        var command = new Command(
            "scan",
            "Discover nearby Bluetooth LE devices through BlueZ, or list what an ESPHome Bluetooth proxy hears (--esphome); "
            + "BMS-like ones (service 0xFF00, JBD/xiaoxiang/SP.. names) are marked.")
        {
            seconds,
            adapter,
        };
        proxy.AddTo(command);
        command.Validators.Add(result =>
        {
            if (proxy.Host(result) is not null && result.GetResult(adapter) is { Implicit: false })
            {
                result.AddError("--adapter applies to BlueZ only; an ESPHome proxy scans with its own radio (drop --adapter or --esphome)");
            }
        });
        command.SetAction(async (result, _) =>
        {
            var duration = TimeSpan.FromSeconds(result.GetValue(seconds));
            IReadOnlyList<BleDeviceSighting> devices;
            try
            {
                devices = proxy.Host(result) is { } host
                    ? await ScanProxyAsync(host, proxy, result, duration, shutdown.Listen())
                    : await ScanBlueZAsync(result.GetValue(adapter)!, duration, shutdown.Listen());
            }
            catch (Exception error) when (error is BleUnavailableException or ProxyScanOptions.BadKeyException)
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

    private static Task<IReadOnlyList<BleDeviceSighting>> ScanBlueZAsync(string adapter, TimeSpan duration, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"streams: scanning with {adapter} for {duration.TotalSeconds:0} s ...");
        return BlueZScanner.ScanAsync(adapter, duration, DefaultScheduler.Instance, cancellationToken: cancellationToken);
    }

    private static async Task<IReadOnlyList<BleDeviceSighting>> ScanProxyAsync(
        string host, ProxyScanOptions proxy, ParseResult result, TimeSpan duration, CancellationToken cancellationToken)
    {
        var port = proxy.Port(result);
        var key = proxy.Key(result);
        Console.Error.WriteLine($"streams: listening through ESPHome proxy {host}:{port} ({(key is null ? "plaintext" : "encrypted")}) for {duration.TotalSeconds:0} s ...");
        try
        {
            return await EsphomeScanner.ScanAsync(host, port, key, duration, DefaultScheduler.Instance, cancellationToken);
        }
        catch (FormatException wrong)
        {
            throw new ProxyScanOptions.BadKeyException((proxy.KeyFromFile(result) ? "--encryption-key-file: " : "--encryption-key: ") + wrong.Message, wrong);
        }
    }

    private static string Line(BleDeviceSighting device)
    {
        var rssi = device.Rssi is { } dbm ? dbm.ToString(CultureInfo.InvariantCulture) + " dBm" : "? dBm";
        return $"{device.Address}  {rssi,8}  {device.Name ?? "(no name)"}{BleScanMarks.Mark(device)}";
    }
}
