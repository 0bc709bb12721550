namespace Receivables.Domain.Access;

/// <summary>What a role lets its users do to one kind of object (spec 1.6): create, read, update or delete.</summary>
public enum RoleAction { Create, Read, Update, Delete }

/// <summary>How far an action is allowed: on every document, on the documents the user created, or not at all.</summary>
public enum PermissionLevel { Allowed, AllowedForOwn, NotAllowed }

/// <summary>The object types a role can name (Monite's role schema), and the actions each takes.</summary>
public static class ObjectTypes
{
    public const string Receivable = "receivable";
    public const string PaymentRecord = "payment_record";
    public const string EntityUser = "entity_user";
    public const string Role = "role";
    public const string Entity = "entity";
    public const string EntityVatIds = "entity_vat_ids";
    public const string EntityBankAccount = "entity_bank_account";
    public const string Counterpart = "counterpart";
    public const string CounterpartVatId = "counterpart_vat_id";
    public const string Product = "product";
    public const string PaymentReminder = "payment_reminder";
    public const string OverdueReminder = "overdue_reminder";
    public const string Payable = "payable";

    /// <summary>Every object type a role may list: the common ones take <see cref="CommonActions"/>, payables their own.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "person", "onboarding", "comment", Counterpart, EntityUser, Entity, EntityVatIds, CounterpartVatId, EntityBankAccount,
        "export", "mailbox", "payables_purchase_order", PaymentReminder, OverdueReminder, Product, "project", Receivable,
        "delivery_note", "ocr_task", "reconciliation", Role, "tag", "todo_task", "todo_task_mute", "transaction", "workflow",
        "approval_request", "approval_policy", PaymentRecord, "receipt", Payable,
    };

    public static readonly IReadOnlyList<string> CommonActions = ["create", "read", "update", "delete"];

    public static readonly IReadOnlyList<string> PayableActions =
        ["create", "read", "update", "delete", "pay", "approve", "cancel", "submit", "create_from_mail", "reopen"];

    public static IReadOnlyList<string> ActionsOf(string objectType) => objectType == Payable ? PayableActions : CommonActions;

    public static string Name(RoleAction action) => action switch
    {
        RoleAction.Create => "create",
        RoleAction.Read => "read",
        RoleAction.Update => "update",
        _ => "delete",
    };
}

/// <summary>One action of an object and its permission, as a role stores and answers it.</summary>
public sealed record ActionRule(string ActionName, PermissionLevel Permission);

/// <summary>One object type of a role with its actions.</summary>
public sealed record ObjectPermissions(string ObjectType, IReadOnlyList<ActionRule> Actions);

/// <summary>
/// A role's permissions (<c>{"objects": [...]}</c>). Whatever a role does not name is not allowed: a role grants, it
/// never has to forbid.
/// </summary>
public sealed record RolePermissions(IReadOnlyList<ObjectPermissions> Objects)
{
    public PermissionLevel For(string objectType, RoleAction action)
    {
        var name = ObjectTypes.Name(action);
        foreach (var o in Objects)
        {
            if (o.ObjectType != objectType) continue;
            foreach (var a in o.Actions)
                if (a.ActionName == name) return a.Permission;
        }
        return PermissionLevel.NotAllowed;
    }
}
