namespace Streams.IntegrationTests.Serial;

/// <summary>The longest any serial integration test waits for something that should take milliseconds.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Wait);

    public static Task Within(this Task task) => task.WaitAsync(Wait);

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds; fails after <see cref="Wait"/>.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {Wait.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
