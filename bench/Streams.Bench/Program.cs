using BenchmarkDotNet.Running;
using Streams.Bench.Framing;

if (args is ["--cpu-time"])
{
    CpuTimeThroughput.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
