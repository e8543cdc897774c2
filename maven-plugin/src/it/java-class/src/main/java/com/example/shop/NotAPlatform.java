package com.example.shop;

/** Forgets to implement PlatformDefinition. */
public class NotAPlatform {
}
