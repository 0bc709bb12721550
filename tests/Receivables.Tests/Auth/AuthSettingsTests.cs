using Receivables.Auth;

namespace Receivables.Tests.Auth;

/// <summary>The app refuses to start with missing, weak or local-only secrets where they would be dangerous.</summary>
public sealed class AuthSettingsTests
{
    private static AuthOptions Valid(string key = "a-real-signing-key-from-key-vault-0123456789", string secret = "a-real-random-client-secret") => new()
    {
        SigningKey = key,
        Clients = [new PartnerClient { ClientId = Guid.NewGuid(), PartnerId = Guid.NewGuid(), SecretHash = ClientSecretHash.Compute(secret) }],
    };

    [Fact]
    public void real_settings_are_accepted_in_azure() => Valid().Validate(runningInAzure: true);

    [Fact]
    public void the_local_development_key_is_accepted_locally_but_refused_in_azure()
    {
        var local = Valid(key: "local-development-only-signing-key-0123456789abcdef");
        local.Validate(runningInAzure: false);
        Assert.Throws<InvalidOperationException>(() => local.Validate(runningInAzure: true));
    }

    [Fact]
    public void the_local_development_client_is_refused_in_azure()
    {
        var local = Valid(secret: PartnerClient.LocalDevelopmentSecret);
        local.Validate(runningInAzure: false);
        Assert.Throws<InvalidOperationException>(() => local.Validate(runningInAzure: true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short")]
    public void a_missing_or_short_signing_key_refuses_to_start(string? key)
    {
        var options = Valid();
        options.SigningKey = key;
        Assert.Throws<InvalidOperationException>(() => options.Validate(runningInAzure: false));
    }

    [Fact]
    public void no_client_or_a_malformed_hash_refuses_to_start()
    {
        var none = Valid();
        none.Clients.Clear();
        Assert.Throws<InvalidOperationException>(() => none.Validate(false));

        var plain = Valid();
        plain.Clients[0].SecretHash = "the-secret-itself";
        Assert.Throws<InvalidOperationException>(() => plain.Validate(false));
    }

    [Fact]
    public void secrets_are_compared_by_hash()
    {
        var hash = ClientSecretHash.Compute("s3cret");
        Assert.StartsWith("sha256:", hash, StringComparison.Ordinal);
        Assert.True(ClientSecretHash.Matches("s3cret", hash));
        Assert.False(ClientSecretHash.Matches("s3cret ", hash));
        Assert.DoesNotContain("s3cret", hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task tokens_carry_partner_and_room_for_entity_user_scope()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = Valid();
        var tokens = new TokenService(options, clock);
        var entityUser = new ApiPrincipal(options.Clients[0].ClientId, options.Clients[0].PartnerId, Guid.NewGuid(), Guid.NewGuid());
        var read = (await tokens.AuthenticateAsync("Bearer " + tokens.Issue(entityUser))).Principal;
        Assert.Equal(entityUser, read);
        Assert.False(read.IsPartner);
        Assert.False(read.MayActOn(Guid.NewGuid(), entityUser.PartnerId));
        Assert.True(read.MayActOn(entityUser.EntityId!.Value, entityUser.PartnerId));
    }
}
