using BenchmarkDotNet.Running;
using Streams.Bench.Framing;

if (args is ["--cpu-time"])
{
    CpuTimeThroughput.Run();
    return;
}

if (args is ["--mqtt-throughput"])
{
    await Streams.Bench.Mqtt.MqttThroughput.RunAsync();
    return;
}

if (args is ["--replay-stages", var capture])
{
    ReplayStages.Run(capture);
    return;
}

if (args is ["--replay-allocations", var replayed])
{
    ReplayStages.Allocations(replayed);
    return;
}

if (args is ["--write-capture", var path, var megabytes])
{
    ReplaySniffBenchmarks.WriteCapture(path, int.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
