namespace PartnerForge.Infrastructure.Application;

/// <summary>Why an application service did not do what was asked.</summary>
public enum ErrorKind
{
    /// <summary>It was done.</summary>
    None,

    /// <summary>Some fields are not valid (<see cref="Result.Errors"/> says which and why).</summary>
    Validation,

    /// <summary>There is no such row in the current workspace (another workspace's row is "not found" too).</summary>
    NotFound,

    /// <summary>It clashes with what is stored (a domain taken, a row changed meanwhile).</summary>
    Conflict,

    /// <summary>The caller may not do this.</summary>
    Forbidden,
}

/// <summary>
/// The one outcome of a write in the application services, shared by pages, the REST API and jobs: done, or
/// what was wrong as an <see cref="ErrorKind"/> with a plain-words message and field errors (field → messages).
/// The API maps it once to RFC 9457 problem details (<c>ApiProblems.From</c>); forms show <see cref="FieldMessages"/>.
/// </summary>
public class Result
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    protected Result(ErrorKind kind, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Kind = kind;
        Message = message;
        Errors = errors ?? NoErrors;
    }

    public ErrorKind Kind { get; }

    /// <summary>What went wrong, in plain words (null when it was done).</summary>
    public string? Message { get; }

    /// <summary>Field → messages; empty when no field is to blame.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Kind == ErrorKind.None;

    public bool IsNotFound => Kind == ErrorKind.NotFound;

    public static Result Ok() => new(ErrorKind.None, null, null);

    public static Result Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ErrorKind.Validation, ValidationMessage, errors);

    public static Result Invalid(IReadOnlyDictionary<string, string> errors) => Invalid(FromSingle(errors));

    public static Result Invalid(string field, string message) => new(ErrorKind.Validation, ValidationMessage, One(field, message));

    public static Result NotFound(string message) => new(ErrorKind.NotFound, message, null);

    public static Result Conflict(string message, string? field = null) => new(ErrorKind.Conflict, message, field is null ? null : One(field, message));

    public static Result Forbidden(string message, string? field = null) => new(ErrorKind.Forbidden, message, field is null ? null : One(field, message));

    public static Result<T> Ok<T>(T value) => new(value, ErrorKind.None, null, null);

    public static Result<T> Invalid<T>(IReadOnlyDictionary<string, string[]> errors) => new(default, ErrorKind.Validation, ValidationMessage, errors);

    public static Result<T> Invalid<T>(IReadOnlyDictionary<string, string> errors) => Invalid<T>(FromSingle(errors));

    public static Result<T> Invalid<T>(string field, string message) => new(default, ErrorKind.Validation, ValidationMessage, One(field, message));

    public static Result<T> NotFound<T>(string message) => new(default, ErrorKind.NotFound, message, null);

    public static Result<T> Conflict<T>(string message, string? field = null) => new(default, ErrorKind.Conflict, message, field is null ? null : One(field, message));

    public static Result<T> Forbidden<T>(string message, string? field = null) => new(default, ErrorKind.Forbidden, message, field is null ? null : One(field, message));

    /// <summary>
    /// This refusal as a <see cref="Result{T}"/> of another value type, with the same kind, message and field errors:
    /// for a service that passes on what one of its steps refused.
    /// </summary>
    public Result<T> As<T>() =>
        Succeeded ? throw new InvalidOperationException("A result that was done has no value to pass on.") : new(default, Kind, Message, Errors);

    /// <summary>The first message of each field, for a form's helper texts.</summary>
    public IReadOnlyDictionary<string, string> FieldMessages() =>
        Errors.Where(e => e.Value.Length > 0).ToDictionary(e => e.Key, e => e.Value[0], StringComparer.Ordinal);

    /// <summary>
    /// A form's messages: the field messages, or — when no field is to blame (a row gone, not permitted) — the message
    /// under the empty key, which a form shows above its fields.
    /// </summary>
    public IReadOnlyDictionary<string, string> FormMessages() =>
        Succeeded || Errors.Count > 0 ? FieldMessages() : new Dictionary<string, string>(StringComparer.Ordinal) { [string.Empty] = Message ?? ValidationMessage };

    /// <summary>One line for a page's message bar: the message, with the field messages when there are any.</summary>
    public string Describe() =>
        Succeeded ? "Done." : Errors.Count == 0 || Kind != ErrorKind.Validation ? Message ?? ValidationMessage : string.Join(" ", Errors.SelectMany(e => e.Value));

    internal const string ValidationMessage = "One or more fields are not valid.";

    internal static IReadOnlyDictionary<string, string[]> One(string field, string message) =>
        new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };

    internal static IReadOnlyDictionary<string, string[]> FromSingle(IReadOnlyDictionary<string, string> errors) =>
        errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal);
}

/// <summary>A <see cref="Result"/> that carries what was made or changed when it was done.</summary>
public sealed class Result<T> : Result
{
    internal Result(T? value, ErrorKind kind, string? message, IReadOnlyDictionary<string, string[]>? errors)
        : base(kind, message, errors) => Value = value;

    /// <summary>What was saved (default when it was not done).</summary>
    public T? Value { get; }
}
