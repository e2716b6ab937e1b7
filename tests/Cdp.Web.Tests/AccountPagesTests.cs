using Cdp.Host.Security;
using Cdp.Pipeline.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cdp.Web.Tests;

/// <summary>
/// The users page an admin manages people with, and the account page where everyone changes their own password
/// and keeps their API keys, in the browser against a host of the test's own (its users change).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccountPagesTests(BrowserFixture browser)
{
    private const string First = "first-password-of-nina";
    private const string Reset = "reset-password-of-nina";
    private const string Own = "own-password-of-nina!";

    [Fact]
    public async Task An_admin_adds_promotes_resets_and_deletes_a_user_who_changes_her_own_password_and_revokes_her_key()
    {
        await using var host = await PrivateHost.StartAsync("users", new GeneratorOptions(4_000, 200, 3, new DateOnly(2019, 10, 1), 5));
        var users = host.App.Services.GetRequiredService<UserStore>();
        await using var adminContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address });
        var admin = await adminContext.NewPageAsync();
        admin.Dialog += async (_, dialog) =>
        {
            if (dialog.Type == DialogType.Prompt)
            {
                await dialog.AcceptAsync(Reset);
            }
            else
            {
                await dialog.AcceptAsync();
            }
        };
        await PageTests.SignInAsync(admin, "admin", WebAppFixture.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.Locator("input[name=new-user]").FillAsync("nina");
        await admin.Locator("select[name=new-role]").SelectOptionAsync("viewer");
        await admin.Locator("input[name=new-user-password]").FillAsync(First);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#users-status")).ToHaveTextAsync("nina can now sign in as viewer.");
        Assert.Equal(Roles.Viewer, users.Users.Single(u => u.Name == "nina").Role);

        await admin.GetByLabel("role of nina").SelectOptionAsync("editor");
        await Assertions.Expect(admin.Locator("#users-status")).ToHaveTextAsync("nina is now editor.");
        Assert.Equal(Roles.Editor, users.Users.Single(u => u.Name == "nina").Role);
        await admin.GetByRole(AriaRole.Button, new() { Name = "reset the password of nina" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#users-status")).ToContainTextAsync("nina's password was reset");
        Assert.Null(users.SignIn("nina", First));
        Assert.NotNull(users.SignIn("nina", Reset));

        // Nina signs in with the reset password, changes it herself and makes and revokes a key.
        await using var ninaContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address });
        var nina = await ninaContext.NewPageAsync();
        nina.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await PageTests.SignInAsync(nina, "nina", Reset);
        await Assertions.Expect(nina.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeHiddenAsync(); // an editor does not manage users
        await nina.Locator("#account").ClickAsync();
        await nina.Locator("input[name=current-password]").FillAsync(Reset);
        await nina.Locator("input[name=new-password]").FillAsync(Own);
        await nina.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(nina.GetByText("Password changed.")).ToBeVisibleAsync();
        Assert.NotNull(users.SignIn("nina", Own));
        await nina.GetByRole(AriaRole.Button, new() { Name = "Create a key" }).ClickAsync();
        var key = await nina.Locator("#new-key").TextContentAsync();
        Assert.StartsWith("cdp_", key, StringComparison.Ordinal);
        var id = key!.Split('_')[1];
        await Assertions.Expect(nina.Locator($"#my-keys tr[data-key='{id}']")).ToBeVisibleAsync();
        Assert.Equal("nina", users.FindByApiKey(key!)?.Name);
        await nina.GetByRole(AriaRole.Button, new() { Name = $"revoke key {id}" }).ClickAsync();
        await Assertions.Expect(nina.Locator($"#my-keys tr[data-key='{id}']")).ToHaveCountAsync(0);
        Assert.Null(users.FindByApiKey(key!));

        // The admin deletes her; her session ends at once.
        await admin.ReloadAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "delete nina" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#users-status")).ToHaveTextAsync("nina was deleted.");
        await Assertions.Expect(admin.Locator("#users tr[data-user=nina]")).ToHaveCountAsync(0);
        await nina.GotoAsync("/#/segments");
        await Assertions.Expect(nina.Locator("input[name=user]")).ToBeVisibleAsync();

        // The last admin stays: demoting her is refused with the reason.
        await admin.GetByLabel("role of admin").SelectOptionAsync("viewer");
        await Assertions.Expect(admin.Locator("#users-status")).ToHaveClassAsync("error");
        Assert.Equal(Roles.Admin, users.Users.Single(u => u.Name == "admin").Role);
        await admin.ScreenshotAsync(new() { Path = PageTests.Screenshot("users.png"), FullPage = true });
    }
}
