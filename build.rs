//! Build script: on a Windows target, embeds the icon and the version information
//! (product name, version, description, from Cargo.toml) as a Windows resource, so
//! Explorer shows them. Other targets need nothing from it.

fn main() {
    println!("cargo::rerun-if-changed=packaging/windows/cssm-assistant.ico");
    // The target, not the host: the .exe is cross-built on Linux with mingw-w64.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("packaging/windows/cssm-assistant.ico")
        .set("ProductName", "CSSM Subscription Assistant")
        .set("FileDescription", "CSSM Subscription Assistant")
        .set("OriginalFilename", "cssm-assistant.exe")
        // 0x0409 English (United States): the version block's language.
        .set_language(0x0409);
    if let Err(error) = resource.compile() {
        // A Windows build without its icon and version is not what we ship: stop.
        panic!("cannot embed the Windows resource (is mingw-w64's windres installed?): {error}");
    }
}
