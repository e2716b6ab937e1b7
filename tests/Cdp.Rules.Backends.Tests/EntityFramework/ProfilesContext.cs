using Microsoft.EntityFrameworkCore;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>A developer's own context over the test profiles, mapped by EF Core's conventions alone.</summary>
public sealed class ProfilesContext(DbContextOptions<ProfilesContext> options) : DbContext(options)
{
    public DbSet<TestProfile> Profiles => Set<TestProfile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<TestProfile>().Property(p => p.Id).ValueGeneratedNever();
}
