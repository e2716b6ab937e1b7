namespace Cdp.Host.Security;

/// <summary>The roles and the policies the API asks for: viewers read, editors also change segments and run the ETL, admins also manage users.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>Signed in with any role.</summary>
    public const string CanRead = "can-read";

    /// <summary>Editor or admin.</summary>
    public const string CanEdit = "can-edit";

    /// <summary>Admin.</summary>
    public const string CanAdminister = "can-administer";

    public static IReadOnlyList<string> All { get; } = [Viewer, Editor, Admin];
}
