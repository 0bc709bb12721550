namespace Receivables.Domain;

/// <summary>
/// A rule of the domain refused what was asked. Operations and the domain raise these typed errors and know no
/// status codes; the pipeline alone turns each kind into the API's answer (404, 409, 422).
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The resource does not exist for this entity (404): an unknown id and another entity's id look the same.</summary>
public sealed class ResourceNotFoundException(string message) : DomainException(message);

/// <summary>A business rule forbids the change in the resource's current state (409, spec 1.3 "business logic error").</summary>
public class BusinessRuleException(string message) : DomainException(message);

/// <summary>One item of a 422 body: <c>{"loc": [...], "msg": "...", "type": "..."}</c> (FastAPI/Pydantic shape).</summary>
public sealed record ValidationIssue(IReadOnlyList<object> Loc, string Msg, string Type);

/// <summary>Input that is well-formed but invalid: 422 with <c>{"detail": [...]}</c>.</summary>
public sealed class ValidationException(IReadOnlyList<ValidationIssue> issues)
    : DomainException(issues.Count > 0 ? issues[0].Msg : "validation failed")
{
    public IReadOnlyList<ValidationIssue> Issues { get; } = issues;

    public static ValidationException Of(IReadOnlyList<object> loc, string msg, string type) => new([new ValidationIssue(loc, msg, type)]);
}

/// <summary>The caller may not do this, whatever the resource's state (403).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);
