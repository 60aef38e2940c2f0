namespace Streams.IntegrationTests.Tcp;

/// <summary>Reads a file another part of the test is still appending to (a capture being written).</summary>
internal static class SharedFile
{
    public static byte[] ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
