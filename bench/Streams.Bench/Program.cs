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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
