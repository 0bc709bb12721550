using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.EntityUsers;

/// <summary><c>/entity_users</c>, <c>/roles</c>, <c>grant_type=entity_user</c> and the caller's own routes, over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class EntityUserTests(ApiHost api)
{
    [Fact]
    public async Task a_role_and_a_user_are_created_read_listed_and_changed()
    {
        var entity = await api.CreateEntityAsync();
        var role = await api.CreateRoleAsync(entity, EntityUserSteps.Permissions("allowed", ("receivable", "delete", "not_allowed")));
        var (status, roleBody) = await api.AsAsync(await api.TokenAsync(), HttpMethod.Get, $"/v1/roles/{role}", entity: entity);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["id", "created_at", "updated_at", "name", "permissions", "status"], roleBody.Select(p => p.Key));
        Assert.Equal("active", roleBody["status"]!.GetValue<string>());
        var receivable = roleBody["permissions"]!["objects"]!.AsArray().Single(o => o!["object_type"]!.GetValue<string>() == "receivable")!;
        Assert.Equal("not_allowed", receivable["actions"]!.AsArray().Single(a => a!["action_name"]!.GetValue<string>() == "delete")!["permission"]!.GetValue<string>());

        var user = await api.CreateUserAsync(entity, role, login: "anna");
        var token = await api.TokenAsync();
        var (got, userBody) = await api.AsAsync(token, HttpMethod.Get, $"/v1/entity_users/{user}", entity: entity);
        Assert.Equal(HttpStatusCode.OK, got);
        Assert.Equal(["id", "created_at", "updated_at", "email", "first_name", "last_name", "login", "phone", "role_id", "status", "userpic_file_id"], userBody.Select(p => p.Key));
        Assert.Equal(("anna", role.ToString(), "active"), (userBody["login"]!.GetValue<string>(), userBody["role_id"]!.GetValue<string>(), userBody["status"]!.GetValue<string>()));

        var (patched, patchedBody) = await api.AsAsync(token, HttpMethod.Patch, $"/v1/entity_users/{user}", new { first_name = "Anne", login = "anne" }, entity);
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(("Anne", "anne", "Berg"), (patchedBody["first_name"]!.GetValue<string>(), patchedBody["login"]!.GetValue<string>(), patchedBody["last_name"]!.GetValue<string>()));
        // The old login is free again; the new one is taken.
        Assert.NotEqual(Guid.Empty, await api.CreateUserAsync(entity, role, login: "anna"));
        var (taken, takenBody) = await api.AsAsync(token, HttpMethod.Post, "/v1/entity_users", new { login = "ANNE", first_name = "X", role_id = role }, entity);
        Assert.Equal(HttpStatusCode.Conflict, taken);
        Assert.Contains("already exists", Json.Error(takenBody), StringComparison.Ordinal);

        var (listed, list) = await api.AsAsync(token, HttpMethod.Get, $"/v1/entity_users?name__istartswith=an&role_id={role}", entity: entity);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(2, list["data"]!.AsArray().Count);
        var (roles, roleList) = await api.AsAsync(token, HttpMethod.Get, "/v1/roles?sort=updated_at&order=desc", entity: entity);
        Assert.Equal(HttpStatusCode.OK, roles);
        Assert.Equal(role.ToString(), roleList["data"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task concurrent_users_with_one_login_make_one_user()
    {
        var entity = await api.CreateEntityAsync();
        var role = await api.CreateRoleAsync(entity, EntityUserSteps.Permissions("allowed"));
        var token = await api.TokenAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            api.AsAsync(token, HttpMethod.Post, "/v1/entity_users", new { login = "same", first_name = "U" + i, role_id = role }, entity)));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(1, await api.CountStoredAsync("entity_user", entity));
    }

    [Fact]
    public async Task an_entity_user_token_acts_as_that_user_of_that_entity()
    {
        var entity = await api.CreateEntityAsync();
        var role = await api.CreateRoleAsync(entity, EntityUserSteps.Permissions("allowed"), name: "Owner");
        var user = await api.CreateUserAsync(entity, role, login: "owner");
        var token = await api.EntityUserTokenAsync(user);

        var (me, meBody) = await api.AsAsync(token, HttpMethod.Get, "/v1/entity_users/me");
        Assert.Equal(HttpStatusCode.OK, me);
        Assert.Equal(user.ToString(), meBody["id"]!.GetValue<string>());
        var (myRole, roleBody) = await api.AsAsync(token, HttpMethod.Get, "/v1/entity_users/my_role");
        Assert.Equal((HttpStatusCode.OK, role.ToString()), (myRole, roleBody["id"]!.GetValue<string>()));
        var (myEntity, entityBody) = await api.AsAsync(token, HttpMethod.Get, "/v1/entity_users/my_entity");
        Assert.Equal((HttpStatusCode.OK, entity.ToString()), (myEntity, entityBody["id"]!.GetValue<string>()));
        var (patchedMe, patchedBody) = await api.AsAsync(token, HttpMethod.Patch, "/v1/entity_users/me", new { first_name = "Olga" });
        Assert.Equal((HttpStatusCode.OK, "Olga"), (patchedMe, patchedBody["first_name"]!.GetValue<string>()));
        // A user cannot give itself another login or role through "me".
        var (refused, refusedBody) = await api.AsAsync(token, HttpMethod.Patch, "/v1/entity_users/me", new { role_id = role });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal("body.role_id", Json.Loc(Json.Detail(refusedBody)[0]!));

        // The entity comes from the token: no header needed; another entity's header is unknown to it.
        var (settings, _) = await api.AsAsync(token, HttpMethod.Get, $"/v1/entities/{entity}/settings");
        Assert.Equal(HttpStatusCode.OK, settings);
        var (counterparts, _) = await api.AsAsync(token, HttpMethod.Get, "/v1/counterparts");
        Assert.Equal(HttpStatusCode.OK, counterparts);
        var other = await api.CreateEntityAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.AsAsync(token, HttpMethod.Get, "/v1/counterparts", entity: other)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.AsAsync(token, HttpMethod.Get, $"/v1/entities/{other}")).Status);

        // Partner-only routes refuse it; a partner token has no "me".
        Assert.Equal(HttpStatusCode.Forbidden, (await api.AsAsync(token, HttpMethod.Get, "/v1/entities")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.AsAsync(token, HttpMethod.Post, "/v1/entities", Bodies.Organization())).Status);
        var (partnerMe, partnerBody) = await api.AsAsync(await api.TokenAsync(), HttpMethod.Get, "/v1/entity_users/me");
        Assert.Equal(HttpStatusCode.Forbidden, partnerMe);
        Assert.Contains("entity-user token", Json.Error(partnerBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task tokens_are_only_for_active_users_of_the_clients_own_entities()
    {
        var entity = await api.CreateEntityAsync();
        var role = await api.CreateRoleAsync(entity, EntityUserSteps.Permissions("allowed"));
        var user = await api.CreateUserAsync(entity, role);
        foreach (var (client, secret, id) in new[] { (ApiHost.ClientB, ApiHost.SecretB, user), (ApiHost.ClientA, ApiHost.SecretA, Guid.NewGuid()) })
        {
            using var response = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { grant_type = "entity_user", client_id = client, client_secret = secret, entity_user_id = id }),
                Headers = { { "x-monite-version", ApiHost.Version } },
            });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("body.entity_user_id", Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
        }

        var token = await api.EntityUserTokenAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await api.AsAsync(token, HttpMethod.Get, "/v1/entity_users/me")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.AsAsync(await api.TokenAsync(), HttpMethod.Delete, $"/v1/entity_users/{user}", entity: entity)).Status);
        // A deleted user's token stops at once; the user is gone from the routes, but listed when asked for.
        var (gone, goneBody) = await api.AsAsync(token, HttpMethod.Get, "/v1/entity_users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, gone);
        Assert.Contains("no longer exists", Json.Error(goneBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.AsAsync(await api.TokenAsync(), HttpMethod.Get, $"/v1/entity_users/{user}", entity: entity)).Status);
        var (_, deleted) = await api.AsAsync(await api.TokenAsync(), HttpMethod.Get, "/v1/entity_users?status=deleted", entity: entity);
        Assert.Equal(user.ToString(), deleted["data"]!.AsArray().Single()!["id"]!.GetValue<string>());
        var (_, active) = await api.AsAsync(await api.TokenAsync(), HttpMethod.Get, "/v1/entity_users", entity: entity);
        Assert.Empty(active["data"]!.AsArray());
    }

    [Fact]
    public async Task a_role_in_use_is_kept_and_a_changed_role_counts_on_the_next_request()
    {
        var entity = await api.CreateEntityAsync();
        var partner = await api.TokenAsync();
        var reader = await api.CreateRoleAsync(entity, EntityUserSteps.Permissions("allowed", ("counterpart", "read", "not_allowed")));
        var user = await api.CreateUserAsync(entity, reader);
        var token = await api.EntityUserTokenAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.AsAsync(token, HttpMethod.Get, "/v1/counterparts")).Status);

        var (deleted, body) = await api.AsAsync(partner, HttpMethod.Delete, $"/v1/roles/{reader}", entity: entity);
        Assert.Equal(HttpStatusCode.Conflict, deleted);
        Assert.Contains("assigned", Json.Error(body), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await api.AsAsync(partner, HttpMethod.Patch, $"/v1/roles/{reader}", new { permissions = EntityUserSteps.Permissions("allowed") }, entity)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.AsAsync(token, HttpMethod.Get, "/v1/counterparts")).Status);

        var spare = await api.CreateRoleAsync(entity, EntityUserSteps.Permissions("not_allowed"), name: "Nothing");
        Assert.Equal(HttpStatusCode.NoContent, (await api.AsAsync(partner, HttpMethod.Delete, $"/v1/roles/{spare}", entity: entity)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.AsAsync(partner, HttpMethod.Get, $"/v1/roles/{spare}", entity: entity)).Status);
        // A user cannot be given a deleted or unknown role.
        Assert.Equal(HttpStatusCode.NotFound, (await api.AsAsync(partner, HttpMethod.Patch, $"/v1/entity_users/{user}", new { role_id = spare }, entity)).Status);
    }

    [Theory]
    [InlineData("""{"name": "", "permissions": {"objects": []}}""", "body.name")]
    [InlineData("""{"name": "R"}""", "body.permissions")]
    [InlineData("""{"name": "R", "permissions": {"objects": [{"object_type": "spaceship", "actions": []}]}}""", "body.permissions.objects.0.object_type")]
    [InlineData("""{"name": "R", "permissions": {"objects": [{"object_type": "receivable", "actions": [{"action_name": "approve"}]}]}}""", "body.permissions.objects.0.actions.0.action_name")]
    [InlineData("""{"name": "R", "permissions": {"objects": [{"object_type": "receivable", "actions": [{"action_name": "read", "permission": "sometimes"}]}]}}""", "body.permissions.objects.0.actions.0.permission")]
    [InlineData("""{"name": "R", "permissions": {"objects": [{"object_type": "receivable", "actions": [{"action_name": "read"}, {"action_name": "read"}]}]}}""", "body.permissions.objects.0.actions.1.action_name")]
    [InlineData("""{"name": "R", "permissions": {"objects": [{"object_type": "receivable"}, {"object_type": "receivable"}]}}""", "body.permissions.objects.1.object_type")]
    [InlineData("""{"name": "R", "permissions": {"objects": []}, "colour": "red"}""", "body.colour")]
    public async Task a_bad_role_is_422_and_nothing_is_stored(string body, string loc)
    {
        var entity = await api.CreateEntityAsync();
        var (status, answer) = await api.AsAsync(await api.TokenAsync(), HttpMethod.Post, "/v1/roles", body, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(Json.Detail(answer), d => Json.Loc(d!) == loc);
        Assert.Equal(0, await api.CountStoredAsync("role", entity));
    }

    [Fact]
    public async Task a_bad_user_is_422_and_an_unknown_role_404()
    {
        var entity = await api.CreateEntityAsync();
        var partner = await api.TokenAsync();
        var (missing, body) = await api.AsAsync(partner, HttpMethod.Post, "/v1/entity_users", new { first_name = "A", email = "not-an-email" }, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Equal(["body.email", "body.login", "body.role_id"], Json.Detail(body).Select(d => Json.Loc(d!)).Order(StringComparer.Ordinal));
        var (unknown, _) = await api.AsAsync(partner, HttpMethod.Post, "/v1/entity_users", new { login = "x", first_name = "A", role_id = Guid.NewGuid() }, entity);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(0, await api.CountStoredAsync("entity_user", entity));
        Assert.Equal(0, await api.CountStoredAsync("entity_user_login", entity));
    }
}
