namespace Streams.Transports.Serial.Native;

/// <summary>A reference on a <see cref="FileDescriptorHandle"/> for the duration of a native call.</summary>
internal readonly ref struct DescriptorLease
{
    private readonly FileDescriptorHandle _owner;

    public DescriptorLease(FileDescriptorHandle owner)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        _owner = owner;
        Fd = (int)owner.DangerousGetHandle();
    }

    public int Fd { get; }

    public void Dispose() => _owner.DangerousRelease();
}
