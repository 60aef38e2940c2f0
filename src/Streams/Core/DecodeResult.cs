using System.Diagnostics.CodeAnalysis;

namespace Streams.Core;

/// <summary>
/// The outcome of a pure decoder: a value, or a <see cref="DecodeError"/>. Decoders never throw
/// for bad input; they return a failure. <c>default</c> is a failure ("no result").
/// </summary>
public readonly struct DecodeResult<T>
{
    private static readonly DecodeError NoResult = new(DecodeErrorKind.InvalidInput, "no result");

    private readonly T? _value;
    private readonly DecodeError? _error;
    private readonly bool _succeeded;

    private DecodeResult(T value)
    {
        _value = value;
        _error = null;
        _succeeded = true;
    }

    private DecodeResult(DecodeError error)
    {
        _value = default;
        _error = error;
        _succeeded = false;
    }

    public bool IsSuccess => _succeeded;

    /// <summary>The decoded value; throws <see cref="InvalidOperationException"/> on a failure.</summary>
    public T Value => _succeeded ? _value! : throw new InvalidOperationException(Error!.Message);

    /// <summary>The failure, or null on success.</summary>
    public DecodeError? Error => _succeeded ? null : _error ?? NoResult;

    public static DecodeResult<T> Success(T value) => new(value);

    public static DecodeResult<T> Failure(DecodeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new DecodeResult<T>(error);
    }

    public static DecodeResult<T> Failure(DecodeErrorKind kind, string message) => new(new DecodeError(kind, message));

    public static implicit operator DecodeResult<T>(T value) => Success(value);

    public static implicit operator DecodeResult<T>(DecodeError error) => Failure(error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out DecodeError? error)
    {
        value = _value;
        error = Error;
        return _succeeded;
    }

    /// <summary>Transforms a success; passes a failure through unchanged.</summary>
    public DecodeResult<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return _succeeded ? DecodeResult<TOut>.Success(map(_value!)) : DecodeResult<TOut>.Failure(Error!);
    }

    /// <summary>Feeds a success to a decoder that may fail in turn; passes a failure through unchanged.</summary>
    public DecodeResult<TOut> Then<TOut>(Func<T, DecodeResult<TOut>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return _succeeded ? next(_value!) : DecodeResult<TOut>.Failure(Error!);
    }

    public override string ToString() => _succeeded ? $"ok: {_value}" : $"error: {Error!.Message}";
}
