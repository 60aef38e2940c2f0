using System.Runtime.InteropServices;

namespace Streams.Transports.Serial.Native;

/// <summary>
/// Owns a POSIX file descriptor. Code that hands the raw number to libc takes a <see cref="Lease"/>
/// first, so a concurrent <see cref="SafeHandle.Dispose()"/> defers the <c>close</c> until the call
/// returns and the number can never be reused under a running <c>poll</c>/<c>read</c>/<c>write</c>.
/// </summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle()
        : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    public FileDescriptorHandle(int fd)
        : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle == new IntPtr(-1);

    /// <summary>Keeps the descriptor open until the lease is disposed; throws <see cref="ObjectDisposedException"/> if already closed.</summary>
    public DescriptorLease Lease() => new(this);

    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
