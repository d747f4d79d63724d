package io.jsonmig.support.auth;

/** A basic-auth user the service accepts: its name, the role it grants, and its password's PBKDF2 hash. */
public record ApiUser(String name, String role, PasswordHash password) {
}
